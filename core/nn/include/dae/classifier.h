// Multinomial logistic regression p(y | x) = softmax(Wx + b): the reference classifier that tells
// whether a fixed point is a recognisable digit, and the evaluation of Bahdanau & Jaeger 2014 §5.5
// (a linear classifier on original vs transformed data).
#pragma once

#include "dae/eigen_types.h"

#include <cstdint>
#include <vector>

namespace dae {

// The row of each column's largest value (the predicted class of a column of probabilities).
std::vector<int> argmax_columns(const Matrix& p);
// The share of predictions equal to their labels (0 for none).
double accuracy_of(const std::vector<int>& predicted, const std::vector<int>& labels);

struct ClassifierConfig {
    int epochs = 30;
    Index batch = 50;
    double learning_rate = 0.5;  // on the mean cross-entropy; annealed ×0.95 per epoch
    double l2 = 1e-4;            // λ/2 ‖W‖²
    std::uint64_t seed = 1;
};

class SoftmaxClassifier {
public:
    SoftmaxClassifier() = default;
    // Trains on samples (d × N) with labels in 0 … classes−1.
    void train(const Matrix& samples, const std::vector<int>& labels, int classes, const ClassifierConfig& config = {});
    // classes × N probabilities.
    Matrix probabilities(const Matrix& samples) const;
    std::vector<int> predict(const Matrix& samples) const;
    double accuracy(const Matrix& samples, const std::vector<int>& labels) const;
    int classes() const { return static_cast<int>(m_w.rows()); }
    bool trained() const { return m_w.size() > 0; }

private:
    Matrix m_w;  // classes × d
    Vector m_b;  // classes
};

}  // namespace dae
