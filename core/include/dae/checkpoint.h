// Training checkpoints: everything a Trainer needs to go on exactly where it was — settings,
// weights, momentum, epoch and position, learning rate, the epoch's shuffled order, and the states
// of the shuffling and corruption random streams — so a resumed run is bit-identical to one that
// was never interrupted.
//
// Format, little-endian: magic "DAECKPT1", u32 version (1), u32 header length, a "key=value\n"
// header (settings as training options, scalars, RNG states, data shape), then binary sections
// (the model file bytes of model_io.h, the order as int64, the masking permutation as int64, the
// momentum buffers as float32), then a CRC-32 of everything before it. Written atomically.
#pragma once

#include "dae/training.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace dae {

struct Checkpoint {
    TrainingConfig config;
    std::map<std::string, std::string> metadata;  // the caller's extras (data set id, split, …)
    TrainerState state;
    Index train_rows = 0, train_cols = 0;         // the training data's shape
};

std::vector<std::uint8_t> serialize_checkpoint(const Trainer& trainer, const std::map<std::string, std::string>& metadata);
void save_checkpoint(const std::string& path, const Trainer& trainer, const std::map<std::string, std::string>& metadata);
// Reads and checks a checkpoint (magic, version, sizes, CRC) without building a trainer.
Checkpoint parse_checkpoint(std::span<const std::uint8_t> bytes, const std::string& name);
Checkpoint load_checkpoint(const std::string& path);

}  // namespace dae
