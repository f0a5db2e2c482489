// libFuzzer target: the NumPy .npz importer (libzip + our .npy header parser).
#include "dae/error.h"
#include "dae/model_io.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const dae::Autoencoder m = dae::import_npz_bytes({data, size}, "fuzz.npz");
        if (m.w1.rows() != m.hidden() || m.w1.cols() != m.visible()) __builtin_trap();
    } catch (const dae::Error&) {
    }
    return 0;
}
