// Reconstructions of a fixed set of samples, in three rows: clean | corrupted at the noise level
// | r(corrupted). The noise slider lives here: moving it redraws at once (trained or not, training
// or not) from the latest model snapshot, and tells the trainer (levelChanged).
#pragma once

#include "dae/autoencoder.h"
#include "dae/corruption.h"
#include "image_view.h"
#include "tile_image.h"

#include <QWidget>

class QCheckBox;
class QLabel;
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
    // The corruption type chosen in the settings; the slider's range follows it (ν ≤ 1, σ ≤ 1.5).
    void setCorruptionType(CorruptionType type);
    void setLevel(double level);  // moves the slider without emitting levelChanged
    double level() const;
    Corruption corruption() const { return {m_type, level()}; }
    QImage image() const { return m_view->image(); }
    QSlider* slider() const { return m_slider; }

signals:
    void levelChanged(double level);

private:
    void redraw();
    double maxLevel() const;

    ImageView* m_view;
    QSlider* m_slider;
    QLabel* m_value;
    QCheckBox* m_contrast;
    Matrix m_samples;
    Autoencoder m_model;
    bool m_has_model = false;
    CorruptionType m_type = CorruptionType::Gaussian;
    int m_width = 28, m_height = 28;
};

}  // namespace dae::ui
