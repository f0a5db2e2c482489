// Model files.
//
// The daelab model format (.dae), version 1, little-endian:
//   8 bytes   magic "DAEMODEL"
//   u32       format version (1)
//   u32       length L of the header text
//   L bytes   header: "key=value\n" lines — visible, hidden, tied, encoder, decoder (required) and
//             the provenance (provenance.h: data set, split, settings, threads, version)
//   float32   W1 (hidden × visible), b1 (hidden), W2 (visible × hidden, untied only), b2 (visible),
//             each column-major (W1 column j = the weights from input pixel j)
//   u32       CRC-32 (zlib) of every byte before it
// Saved atomically (temporary file, fsync, rename); loading checks every field and says which.
//
// NumPy .npz (np.load): W1 float32 (hidden, visible), b1 (hidden,), W2 (visible, hidden), b2
// (visible,). r(x) = g(W2 @ f(W1 @ x + b1) + b2). A tied model exports W2 = W1.T explicitly.
#pragma once

#include "dae/autoencoder.h"
#include "dae/provenance.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace dae {

struct SavedModel {
    Autoencoder model;
    Provenance provenance;  // stored as the header's key=value lines (provenance.h)
};

constexpr std::uint32_t kModelFormatVersion = 1;

std::vector<std::uint8_t> serialize_model(const SavedModel& saved);
SavedModel parse_model(std::span<const std::uint8_t> bytes, const std::string& name);
void save_model(const std::string& path, const SavedModel& saved);
SavedModel load_model(const std::string& path);
// Only its header's provenance, without reading (or checking the checksum of) the weights: what a
// list of many runs needs from each (dae::Error naming `path` when the header is not one).
Provenance read_model_provenance(const std::string& path);

// A named array for write_npz: float32 or int32 data, C-order shape. A d × N column-major matrix is
// the C-order array (N, d): one sample per row, as NumPy users expect.
struct NpyArrayView {
    std::string name;  // without ".npy"
    const void* data = nullptr;
    std::vector<Index> shape;
    bool is_int32 = false;  // else float32
};
void write_npz(const std::string& path, const std::vector<NpyArrayView>& arrays);
// One float32/float64 array of an .npz, shaped as NumPy sees it (rows = shape[0]; a 1-D array is
// one column). dae::Error naming the file and the array when it is missing or malformed.
Matrix read_npz_array(const std::string& path, const std::string& array);

// .npz export / import. Import takes the activations from `activations_from` (the shapes come
// from the file); a model whose W2 equals W1ᵀ exactly is imported as tied when `detect_tied`.
void export_npz(const std::string& path, const Autoencoder& model);
Autoencoder import_npz(const std::string& path, Activation encoder = Activation::Sigmoid,
                       Activation decoder = Activation::Sigmoid, bool detect_tied = true);
Autoencoder import_npz_bytes(std::span<const std::uint8_t> bytes, const std::string& name,
                             Activation encoder = Activation::Sigmoid, Activation decoder = Activation::Sigmoid,
                             bool detect_tied = true);

}  // namespace dae
