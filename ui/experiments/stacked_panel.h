// Stacked DAEs (Vincent et al. 2008 §2.4, §5) in the GUI: on the current data set (the variants
// rot, bg-rand and bg-img are in the data set chooser), trains deep classifiers initialised by
// stacked denoising autoencoders (SdA), stacked ordinary autoencoders (SAA, ν = 0) or nothing
// (MLP) one after another in the background, then fine-tunes each with early stopping. Shows a
// table of validation and test errors and each model's first-layer filters. The held-out part of
// the training lab's split is halved: validation (early stopping) and test.
#pragma once

#include "dae/dataset.h"
#include "dae/provenance.h"
#include "dae/stacked_comparison.h"
#include "workers/worker_thread.h"

#include <QStringList>
#include <QWidget>

#include <memory>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace dae::ui {

class ImageView;

class StackedPanel : public QWidget {
    Q_OBJECT
public:
    QProgressBar* progressBar() const { return m_progress; }  // the window's status line follows it
    explicit StackedPanel(QWidget* parent = nullptr);
    ~StackedPanel() override;

    // Training, validation and test sets: the data set's own test set, or the held-out part halved
    // (stacked_sets(): the CLI's rule).
    void setData(SharedPartition partition);
    // The settings the panel's controls describe (layers, ν, epochs), with the given models.
    StackedConfig config() const;
    QStringList models() const;  // the checked ones, of SdA, SAA, MLP
    void setConfig(const StackedConfig& config, double noise);

    // Trains the models in the background; false with a message when the settings are invalid.
    bool run(const StackedConfig& config, double noise, const QStringList& models);
    bool runFromControls();
    void cancel();
    bool running() const { return m_job.busy(); }

    const std::vector<StackedResult>& results() const { return m_results; }
    const Dataset& validationSet() const { return sets().validation; }
    const Dataset& testSet() const { return sets().test; }
    QTableWidget* table() const { return m_table; }
    static constexpr int kUnits = 16;

signals:
    void finished();
    void message(const QString& text);

private:
    // What the controls do.
    void wire();
    void redraw();

    // The sets are made from the shared partition when first needed (a run, a test), not on every
    // change of data set: they copy the digits.
    const StackedSets& sets() const;
    SharedPartition m_partition = std::make_shared<const Partition>();
    mutable std::shared_ptr<const StackedSets> m_sets;
    std::vector<StackedResult> m_results;

    QLineEdit* m_layers;
    QDoubleSpinBox* m_noise;
    QSpinBox* m_pretrain_epochs;
    QSpinBox* m_finetune_epochs;
    QCheckBox* m_sda;
    QCheckBox* m_saa;
    QCheckBox* m_mlp;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QTableWidget* m_table;
    ImageView* m_filters;
    WorkerThread m_job{QStringLiteral("daelab stacked")};  // last: joined before anything its closures touch goes away
};

}  // namespace dae::ui
