// The comparison of Vincent et al. 2008, Table 1: stacked denoising autoencoders (SdA) against
// stacked ordinary autoencoders (SAA) and an MLP from random weights, on one data set's training,
// validation (early stopping) and test sets. The CLI (`daelab-cli stacked`) and the window's
// Stacked DAEs view both run exactly this; the networks themselves are stacked.h's.
#pragma once

#include "dae/provenance.h"
#include "dae/stacked.h"

#include <optional>
#include <string>

namespace dae {

enum class StackedKind { SdA, SAA, MLP };
const char* stacked_kind_name(StackedKind k);                                // "SdA", "SAA", "MLP"
std::optional<StackedKind> stacked_kind_from_name(const std::string& name);  // sda, saa, mlp (any case)

// Training, validation (early stopping) and test sets. A data set with an official test set uses
// it; otherwise the held-out part of the split is halved into validation and test.
struct StackedSets {
    Dataset train, validation, test;
};
StackedSets stacked_sets(const Partition& partition);

struct StackedResult {
    StackedKind kind = StackedKind::SdA;
    double noise = 0;  // ν of the pretraining (0 for SAA and the MLP)
    FinetuneResult finetune;
    double test_error = 0;
    double test_ci95 = 0;  // half-width of the 95 % binomial (normal-approximation) interval
    double seconds = 0;
    Matrix first_filters;  // d × min(16, n₁): the first-layer filters, one per column
};

// Half-width of the 95 % interval of an error rate p measured on n samples: 1.96·√(p(1−p)/n).
double binomial_ci95(double p, Index n);

// One model of the comparison: SdA pretrains with masking level `noise`, SAA with ν = 0, the MLP
// not at all (from the very weights pretraining starts from); then fine-tuning and the test
// error. dae::Error when training diverges; a stop from the observer throws dae::Error too.
StackedResult run_stacked_model(StackedKind kind, const StackedConfig& config, double noise, const StackedSets& sets,
                                RunObserver* observer = nullptr);

}  // namespace dae
