// The SVM baselines of Vincent et al. 2008's Table 1 (SVM_rbf and SVM_poly, from Larochelle et al.
// 2007): a C-SVC with a Gaussian or polynomial kernel, trained by libsvm (Chang & Lin), its C and
// kernel parameter chosen on the validation set, then scored once on the test set.
//   rbf   K(x, y) = exp(−γ‖x − y‖²)
//   poly  K(x, y) = (γ x·y + coef0)^degree
// The sets are stacked_sets(): a data set's official test set when it has one.
#pragma once

#include "dae/run.h"
#include "dae/stacked_comparison.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dae {

enum class SvmKernel { Rbf, Poly };
const char* svm_kernel_name(SvmKernel k);                                // "rbf", "poly"
std::optional<SvmKernel> svm_kernel_from_name(const std::string& name);  // rbf, poly

struct SvmConfig {
    SvmKernel kernel = SvmKernel::Rbf;
    double C = 1;         // the soft margin's cost
    double gamma = 0.01;  // rbf: the width; poly: the scale of x·y
    int degree = 3;       // poly
    double coef0 = 1;     // poly
    double cache_mb = 200;
    void validate() const;  // dae::Error naming the setting that is out of range
};

// A trained C-SVC (libsvm's model and the training vectors it points into).
class SvmClassifier {
public:
    SvmClassifier(const Dataset& train, const SvmConfig& config);
    ~SvmClassifier();
    SvmClassifier(const SvmClassifier&) = delete;
    SvmClassifier& operator=(const SvmClassifier&) = delete;
    std::vector<int> predict(const Matrix& samples) const;  // one label per column
    double error(const Dataset& data) const;                // the share of data it labels wrongly
    int support_vectors() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

struct SvmTrial {
    SvmConfig config;
    double validation_error = 0;
    int support_vectors = 0;
    double seconds = 0;
};

struct SvmResult {
    SvmConfig best;  // the configuration of the lowest validation error
    std::vector<SvmTrial> trials;
    double validation_error = 0;
    double test_error = 0;
    double test_ci95 = 0;  // binomial_ci95 of the test error
    double seconds = 0;
};

// Trains one SVM per C × (γ for rbf; γ for poly at `degree`), keeps the one the validation set
// prefers, and scores it on the test set. The observer's stop ends the search between SVMs
// (dae::Error "stopped").
SvmResult select_svm(const StackedSets& sets, SvmKernel kernel, const std::vector<double>& Cs,
                     const std::vector<double>& gammas, int degree = 3, RunObserver* observer = nullptr);

}  // namespace dae
