#include "dae/svm_baseline.h"

#include "dae/error.h"

#include <chrono>
#include <cmath>
#include <libsvm/svm.h>
#include <mutex>

namespace dae {

namespace {

// libsvm writes its progress to stdout unless told otherwise; once for the process.
void quiet_libsvm() {
    static std::once_flag once;
    std::call_once(once, [] { svm_set_print_string_function([](const char*) {}); });
}

// One sample as libsvm's sparse vector: (1-based index, value) of the non-zero pixels, then −1.
void append_sparse(const Scalar* x, Index dim, std::vector<svm_node>& out) {
    for (Index i = 0; i < dim; ++i)
        if (x[i] != 0) out.push_back({static_cast<int>(i + 1), static_cast<double>(x[i])});
    out.push_back({-1, 0});
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

const char* svm_kernel_name(SvmKernel k) { return k == SvmKernel::Rbf ? "rbf" : "poly"; }

std::optional<SvmKernel> svm_kernel_from_name(const std::string& name) {
    if (name == "rbf") return SvmKernel::Rbf;
    if (name == "poly") return SvmKernel::Poly;
    return std::nullopt;
}

void SvmConfig::validate() const {
    const auto check = [](bool ok, const std::string& what) {
        if (!ok) throw Error("SVM: " + what);
    };
    check(std::isfinite(C) && C > 0, "C must be a positive number");
    check(std::isfinite(gamma) && gamma > 0, "gamma must be a positive number");
    check(degree >= 1 && degree <= 10, "degree must be 1 … 10");
    check(std::isfinite(coef0) && coef0 >= 0, "coef0 must be 0 or more");
    check(cache_mb >= 1, "the kernel cache needs at least 1 MB");
}

struct SvmClassifier::Impl {
    std::vector<svm_node> nodes;  // every training vector, back to back (the model points into it)
    std::vector<svm_node*> rows;
    std::vector<double> labels;
    svm_parameter param{};
    svm_model* model = nullptr;
};

SvmClassifier::SvmClassifier(const Dataset& train, const SvmConfig& config) : m(std::make_unique<Impl>()) {
    config.validate();
    if (train.size() < 2 || train.num_classes < 2)
        throw Error(train.name + ": an SVM needs labelled data of two classes or more");
    quiet_libsvm();
    std::vector<std::size_t> starts;
    for (Index j = 0; j < train.size(); ++j) {
        starts.push_back(m->nodes.size());
        append_sparse(train.samples.col(j).data(), train.dim(), m->nodes);
        m->labels.push_back(train.labels[static_cast<std::size_t>(j)]);
    }
    for (std::size_t s : starts)
        m->rows.push_back(m->nodes.data() + s);
    svm_parameter& p = m->param;
    p.svm_type = C_SVC;
    p.kernel_type = config.kernel == SvmKernel::Rbf ? RBF : POLY;
    p.degree = config.degree;
    p.gamma = config.gamma;
    p.coef0 = config.kernel == SvmKernel::Poly ? config.coef0 : 0;
    p.cache_size = config.cache_mb;
    p.eps = 1e-3;  // libsvm's default stopping tolerance
    p.C = config.C;
    p.shrinking = 1;
    svm_problem problem{static_cast<int>(m->rows.size()), m->labels.data(), m->rows.data()};
    if (const char* why = svm_check_parameter(&problem, &p)) throw Error(std::string("SVM: ") + why);
    m->model = svm_train(&problem, &p);
}

SvmClassifier::~SvmClassifier() {
    if (m && m->model) svm_free_and_destroy_model(&m->model);
}

std::vector<int> SvmClassifier::predict(const Matrix& samples) const {
    std::vector<int> out(static_cast<std::size_t>(samples.cols()));
    std::vector<svm_node> x;
    for (Index j = 0; j < samples.cols(); ++j) {
        x.clear();
        append_sparse(samples.col(j).data(), samples.rows(), x);
        out[static_cast<std::size_t>(j)] = static_cast<int>(std::lround(svm_predict(m->model, x.data())));
    }
    return out;
}

double SvmClassifier::error(const Dataset& data) const {
    if (data.size() == 0) return 0;
    const std::vector<int> labels = predict(data.samples);
    Index wrong = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        wrong += labels[i] != data.labels[i];
    return static_cast<double>(wrong) / static_cast<double>(data.size());
}

int SvmClassifier::support_vectors() const { return svm_get_nr_sv(m->model); }

SvmResult select_svm(const StackedSets& sets, SvmKernel kernel, const std::vector<double>& Cs,
                     const std::vector<double>& gammas, int degree, RunObserver* observer) {
    if (Cs.empty() || gammas.empty()) throw Error("SVM: no C or no gamma to try");
    if (sets.validation.size() == 0 || sets.test.size() == 0)
        throw Error("SVM: model selection needs validation and test sets");
    const auto start = std::chrono::steady_clock::now();
    SvmResult r;
    std::unique_ptr<SvmClassifier> best;
    const double total = static_cast<double>(Cs.size() * gammas.size());
    for (double C : Cs)
        for (double gamma : gammas) {
            if (observer && observer->stop_requested()) throw Error("SVM: stopped");
            const auto t = std::chrono::steady_clock::now();
            SvmTrial trial;
            trial.config = SvmConfig{.kernel = kernel, .C = C, .gamma = gamma, .degree = degree};
            auto svm = std::make_unique<SvmClassifier>(sets.train, trial.config);
            trial.validation_error = svm->error(sets.validation);
            trial.support_vectors = svm->support_vectors();
            trial.seconds = seconds_since(t);
            r.trials.push_back(trial);
            if (!best || trial.validation_error < r.validation_error) {
                best = std::move(svm);
                r.best = trial.config;
                r.validation_error = trial.validation_error;
            }
            if (observer)
                observer->on_progress(
                    {"SVM " + std::string(svm_kernel_name(kernel)), static_cast<double>(r.trials.size()) / total});
        }
    r.test_error = best->error(sets.test);
    r.test_ci95 = binomial_ci95(r.test_error, sets.test.size());
    r.seconds = seconds_since(start);
    return r;
}

}  // namespace dae
