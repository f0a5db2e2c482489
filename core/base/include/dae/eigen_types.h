// The one place for daelab's scalar and matrix types, and the orientation rule.
//
// Orientation: ONE SAMPLE PER COLUMN. A batch of b images of d pixels is a d × b matrix;
// Eigen stores it column-major, so each sample is contiguous and a batch is a column block.
// Weights map columns to columns: W₁ is n_hidden × d, so H = W₁·X is n_hidden × b.
#pragma once

#include <Eigen/Core>
#include <cstdint>

namespace dae {

using Scalar = float;  // single precision: the engine's GEMMs are sgemm
using Index = Eigen::Index;

using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;
using MatrixD = Eigen::MatrixXd;  // double: only for gradient checks and statistics
using VectorD = Eigen::VectorXd;

using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;

}  // namespace dae
