// One colour per outcome, shared by the Dynamics panel's badges and counts and the outcome atlas.
#pragma once

#include "dae/outcomes.h"

namespace dae::ui {

inline const char* outcome_colour(Outcome o) {
    switch (o) {
    case Outcome::Converged: return "#2e7d32";
    case Outcome::OtherClass: return "#1565c0";
    case Outcome::Stain: return "#6d4c41";
    case Outcome::Explosion: return "#c62828";
    case Outcome::NotConverged: return "#757575";
    case Outcome::Cycle: return "#8e24aa";
    }
    return "#000";
}

}  // namespace dae::ui
