#include "dae/training.h"

#include <algorithm>

namespace dae {

void set_compute_threads(int threads) { Eigen::setNbThreads(std::max(1, threads)); }
int compute_threads() { return Eigen::nbThreads(); }

}  // namespace dae
