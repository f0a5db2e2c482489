#include "reconstruction_panel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

namespace dae::ui {

namespace {
constexpr double kSliderResolution = 1000;  // slider steps per unit of level: 0.001
constexpr std::uint64_t kNoiseSeed = 7;
}  // namespace

Matrix reconstruction_rows(const Autoencoder& model, const Matrix& samples, const Corruption& corruption) {
    const Index n = samples.cols();
    Matrix rows(samples.rows(), 3 * n);
    rows.leftCols(n) = samples;
    Matrix corrupted;
    Corrupter corrupter(kNoiseSeed);
    corrupter.apply(corruption, samples, corrupted);
    rows.middleCols(n, n) = corrupted;
    rows.rightCols(n) = model.reconstruct(corrupted);
    return rows;
}

ReconstructionPanel::ReconstructionPanel(QWidget* parent) : QWidget(parent) {
    m_view = new ImageView(this);
    m_view->setCaption(tr("rows: clean  ·  corrupted at the noise level  ·  reconstruction r(x̃)"));
    m_view->setMinimumZoom(2);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, static_cast<int>(maxLevel() * kSliderResolution));
    m_slider->setToolTip(tr("Corruption level: shown here at once, and used for training from the next minibatch"));
    m_value = new QLabel(this);
    m_value->setMinimumWidth(70);
    m_contrast = new QCheckBox(tr("Contrast palette"), this);
    m_contrast->setToolTip(tr("Bahdanau & Jaeger's colour scheme: very sensitive below 0.05 (blue) and above 0.95 (orange)"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Noise level"), this));
    bar->addWidget(m_slider, 1);
    bar->addWidget(m_value);
    bar->addWidget(m_contrast);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    connect(m_slider, &QSlider::valueChanged, this, [this] {
        redraw();
        emit levelChanged(level());
    });
    connect(m_contrast, &QCheckBox::toggled, this, &ReconstructionPanel::redraw);
    setLevel(0.5);
}

double ReconstructionPanel::maxLevel() const { return m_type == CorruptionType::Gaussian ? 1.5 : 1.0; }

double ReconstructionPanel::level() const { return m_slider->value() / kSliderResolution; }

void ReconstructionPanel::setLevel(double level) {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(static_cast<int>(std::lround(std::clamp(level, 0.0, maxLevel()) * kSliderResolution)));
    redraw();
}

void ReconstructionPanel::setCorruptionType(CorruptionType type) {
    const double keep = level();
    m_type = type;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setRange(0, static_cast<int>(maxLevel() * kSliderResolution));
    }
    m_slider->setEnabled(type != CorruptionType::None);
    setLevel(std::min(keep, maxLevel()));
}

void ReconstructionPanel::setSamples(const Matrix& samples, int width, int height) {
    m_samples = samples;
    m_width = width;
    m_height = height;
    redraw();
}

void ReconstructionPanel::setModel(const Autoencoder& model) {
    m_model = model;
    m_has_model = true;
    redraw();
}

void ReconstructionPanel::redraw() {
    m_value->setText(m_type == CorruptionType::Gaussian ? QStringLiteral("σ = %1").arg(level(), 0, 'f', 3)
                                                        : QStringLiteral("ν = %1").arg(level(), 0, 'f', 3));
    if (m_samples.size() == 0 || !m_has_model || m_model.visible() != m_samples.rows()) return;
    TileLayout layout;
    layout.tile_width = m_width;
    layout.tile_height = m_height;
    layout.columns = static_cast<int>(m_samples.cols());
    const Matrix rows = reconstruction_rows(m_model, m_samples, corruption());
    m_view->setImage(tiles_image(rows, layout, TileScaling::Fixed01, m_contrast->isChecked() ? Palette::Contrast : Palette::Gray));
}

}  // namespace dae::ui
