// Training checkpoints: everything a Trainer needs to go on exactly where it was — settings,
// weights, momentum, epoch and position, learning rate, the epoch's shuffled order, and the states
// of the shuffling and corruption random streams — so a resumed run is bit-identical to one that
// was never interrupted.
//
// Format, little-endian: magic "DAECKPT1", u32 version (1), u32 header length, a "key=value\n"
// header (settings as training options, the provenance as "meta." keys, scalars, RNG states, data shape), then binary
// sections (the model file bytes of model_io.h, the order as int64, the masking permutation as int64, the momentum
// buffers as float32), then a CRC-32 of everything before it. Written atomically.
#pragma once

#include "dae/provenance.h"
#include "dae/training.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace dae {

struct Checkpoint {
    TrainingConfig config;
    Provenance provenance;  // data set, split, threads, version (settings: `config`)
    TrainerState state;
    Index train_rows = 0, train_cols = 0;  // the training data's shape
};

// The provenance's settings are the trainer's own (its config); the rest is written as given.
std::vector<std::uint8_t> serialize_checkpoint(const Trainer& trainer, const Provenance& provenance);
void save_checkpoint(const std::string& path, const Trainer& trainer, const Provenance& provenance);
// Reads and checks a checkpoint (magic, version, sizes, CRC) without building a trainer.
Checkpoint parse_checkpoint(std::span<const std::uint8_t> bytes, const std::string& name);
Checkpoint load_checkpoint(const std::string& path);

}  // namespace dae
