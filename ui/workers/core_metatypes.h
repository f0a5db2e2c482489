// The core's value types that travel through queued signals: declared once, before any use.
#pragma once

#include "dae/atlas.h"
#include "dae/classifier.h"
#include "dae/dataset.h"
#include "dae/dynamics.h"
#include "dae/outcomes.h"
#include "dae/training.h"

#include <QMetaType>

Q_DECLARE_METATYPE(dae::TrainingConfig)
Q_DECLARE_METATYPE(dae::Matrix)
Q_DECLARE_METATYPE(dae::Vector)
Q_DECLARE_METATYPE(dae::Autoencoder)
Q_DECLARE_METATYPE(dae::EpochReport)
Q_DECLARE_METATYPE(dae::SoftmaxClassifier)
Q_DECLARE_METATYPE(dae::Dataset)
Q_DECLARE_METATYPE(dae::IterationConfig)
Q_DECLARE_METATYPE(dae::OutcomeThresholds)
Q_DECLARE_METATYPE(dae::TrainerState)
Q_DECLARE_METATYPE(dae::AtlasRow)
