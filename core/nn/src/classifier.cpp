#include "dae/classifier.h"

#include "dae/error.h"
#include "dae/rng.h"

#include <numeric>

namespace dae {

namespace {
// Column-wise softmax of logits, in place, shifted by the column maximum for stability.
void softmax_columns(Matrix& z) {
    const RowVector max = z.colwise().maxCoeff();
    z.rowwise() -= max;
    z.array() = z.array().exp();
    const RowVector sum = z.colwise().sum();
    z.array().rowwise() /= sum.array();
}
}  // namespace

void SoftmaxClassifier::train(const Matrix& samples, const std::vector<int>& labels, int classes,
                              const ClassifierConfig& config) {
    const Index n = samples.cols(), d = samples.rows();
    if (static_cast<Index>(labels.size()) != n) throw Error("classifier: one label per sample needed");
    if (classes < 2) throw Error("classifier: at least two classes needed");
    for (int l : labels)
        if (l < 0 || l >= classes) throw Error("classifier: label " + std::to_string(l) + " out of range");
    m_w = Matrix::Zero(classes, d);
    m_b = Vector::Zero(classes);
    std::vector<Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Index{0});
    Rng rng(config.seed);
    const Index b = std::min(config.batch, n);
    Matrix x(d, b), z, delta;
    double lr = config.learning_rate;
    for (int epoch = 0; epoch < config.epochs; ++epoch) {
        rng.shuffle(std::span<Index>(order));
        for (Index start = 0; start + b <= n; start += b) {
            for (Index j = 0; j < b; ++j)
                x.col(j) = samples.col(order[static_cast<std::size_t>(start + j)]);
            z.noalias() = m_w * x;
            z.colwise() += m_b;
            softmax_columns(z);
            // ∂(mean CE)/∂logits = (p − onehot) / b
            delta = z;
            for (Index j = 0; j < b; ++j)
                delta(labels[static_cast<std::size_t>(order[static_cast<std::size_t>(start + j)])], j) -= 1;
            const auto step = static_cast<Scalar>(lr / static_cast<double>(b));
            m_w *= static_cast<Scalar>(1 - lr * config.l2);
            m_w.noalias() -= step * delta * x.transpose();
            m_b.noalias() -= step * delta.rowwise().sum();
        }
        lr *= 0.95;
    }
}

Matrix SoftmaxClassifier::probabilities(const Matrix& samples) const {
    if (!trained()) throw Error("classifier: not trained");
    if (samples.rows() != m_w.cols())
        throw Error("classifier: samples have " + std::to_string(samples.rows()) + " values, the classifier " +
                    std::to_string(m_w.cols()));
    Matrix z = m_w * samples;
    z.colwise() += m_b;
    softmax_columns(z);
    return z;
}

std::vector<int> argmax_columns(const Matrix& p) {
    std::vector<int> out(static_cast<std::size_t>(p.cols()));
    for (Index j = 0; j < p.cols(); ++j) {
        Index best = 0;
        p.col(j).maxCoeff(&best);
        out[static_cast<std::size_t>(j)] = static_cast<int>(best);
    }
    return out;
}

std::vector<int> SoftmaxClassifier::predict(const Matrix& samples) const {
    return argmax_columns(probabilities(samples));
}

double accuracy_of(const std::vector<int>& predicted, const std::vector<int>& labels) {
    if (predicted.empty()) return 0;
    Index right = 0;
    for (std::size_t j = 0; j < predicted.size(); ++j)
        right += predicted[j] == labels[j];
    return static_cast<double>(right) / static_cast<double>(predicted.size());
}

double SoftmaxClassifier::accuracy(const Matrix& samples, const std::vector<int>& labels) const {
    return accuracy_of(predict(samples), labels);
}

}  // namespace dae
