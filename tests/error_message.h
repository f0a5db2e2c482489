// The message of the dae::Error a call throws, empty when it throws none: the bad-input tests.
#pragma once

#include "dae/error.h"

#include <QString>

template <class Call> QString error_message(Call&& call) {
    try {
        call();
    } catch (const dae::Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}
