// Reconstructions of a fixed set of samples, in three rows: clean | corrupted | r(corrupted).
// Two noise levels are told apart: the TRAINING noise (the settings', what the trainer uses)
// and the PREVIEW noise of the slider (test-time: what the rows show). The preview follows the
// training level whenever that changes; moving the slider only redraws — "Use for training"
// makes the preview level the training level (from the next minibatch).
#pragma once

#include "dae/autoencoder.h"
#include "dae/corruption.h"
#include "render/tile_image.h"
#include "widgets/image_view.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;

namespace dae::ui {

// The three rows the panel draws, as columns of one matrix (clean, corrupted, reconstructed).
// Corruption uses a fixed seed, so the noise pattern stays put while the level changes.
Matrix reconstruction_rows(const Autoencoder& model, const Matrix& samples, const Corruption& corruption);

class ReconstructionPanel : public QWidget {
    Q_OBJECT
public:
    explicit ReconstructionPanel(QWidget* parent = nullptr);

    void setSamples(const Matrix& samples, int width, int height);
    void setModel(const Autoencoder& model);
    // The training corruption: shown, and the preview jumps to it.
    void setTrainingCorruption(const Corruption& c);
    void setPreviewLevel(double level);  // the slider, without emitting anything
    double previewLevel() const;
    Corruption preview() const { return {m_training.type, previewLevel()}; }
    const Corruption& training() const { return m_training; }
    QImage image() const { return m_view->image(); }
    QSlider* slider() const { return m_slider; }
    QPushButton* useButton() const { return m_use; }
    QString trainingText() const;
    QString previewText() const;

signals:
    void useForTraining(const dae::Corruption& c);

private:
    void redraw();
    int ticks(double level) const;

    ImageView* m_view;
    QSlider* m_slider;
    QLabel *m_value, *m_training_label;
    QPushButton* m_use;
    QCheckBox* m_contrast;
    Matrix m_samples;
    Autoencoder m_model;
    bool m_has_model = false;
    Corruption m_training{CorruptionType::Gaussian, 0.5};
    int m_width = 28, m_height = 28;
};

}  // namespace dae::ui
