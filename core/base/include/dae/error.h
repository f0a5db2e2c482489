#pragma once

#include <stdexcept>
#include <string>

namespace dae {

// Every error daelab reports to a person: the message names the file (or setting) and what is
// wrong with it, e.g. "train-images.idx3: truncated: header promises 47040000 bytes of pixel
// data, file has 1024".
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace dae
