#include "training/reconstruction_panel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace dae::ui {

namespace {
constexpr double kTicksPerUnit = 1000;  // slider resolution: 0.001
constexpr std::uint64_t kNoiseSeed = 7;

QString symbol(CorruptionType t) { return QString::fromUtf8(level_symbol(t)); }
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
    m_view->setCaption(tr("rows: clean  ·  corrupted at the preview level  ·  reconstruction r(x̃)"));
    m_view->setMinimumZoom(1);
    m_view->setShrinkToFit(true);  // the digits as large as the room allows
    m_view->setMinimumSize(280, 110);
    m_training_label = new QLabel(this);
    m_training_label->setToolTip(tr("The noise the trainer uses (Settings → Training noise level)"));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setToolTip(
        tr("Test-time noise of the preview: only redraws. 'Use for training' makes it the training level."));
    m_value = new QLabel(this);
    m_value->setMinimumWidth(m_value->fontMetrics().horizontalAdvance(QStringLiteral("σ = 0.000")) + 8);
    m_use = new QPushButton(tr("Use for training"), this);
    m_use->setToolTip(tr("Train with the preview level from the next minibatch (nothing is reset)"));
    m_contrast = new QCheckBox(tr("Contrast palette"), this);
    m_contrast->setToolTip(
        tr("Bahdanau & Jaeger's colour scheme: very sensitive below 0.05 (blue) and above 0.95 (orange)"));
    // Two short rows, so that nothing is squeezed in a narrow column: the slider with its value, then
    // the training level, what carries the preview over to it, and the palette.
    auto* slider_row = new QHBoxLayout;
    slider_row->addWidget(new QLabel(tr("Preview noise"), this));
    slider_row->addWidget(m_slider, 1);
    slider_row->addWidget(m_value);
    auto* training_row = new QHBoxLayout;
    training_row->addWidget(m_training_label);
    training_row->addWidget(m_use);
    training_row->addStretch(1);
    training_row->addWidget(m_contrast);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(slider_row);
    layout->addLayout(training_row);
    layout->addWidget(m_view, 1);
    connect(m_slider, &QSlider::valueChanged, this, &ReconstructionPanel::redraw);
    connect(m_use, &QPushButton::clicked, this, [this] { emit useForTraining(preview()); });
    connect(m_contrast, &QCheckBox::toggled, this, &ReconstructionPanel::redraw);
    setTrainingCorruption(m_training);
}

int ReconstructionPanel::ticks(double level) const { return static_cast<int>(std::lround(level * kTicksPerUnit)); }

double ReconstructionPanel::previewLevel() const { return m_slider->value() / kTicksPerUnit; }

void ReconstructionPanel::setPreviewLevel(double level) {
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(ticks(std::clamp(level, 0.0, max_level(m_training.type))));
    }
    redraw();
}

void ReconstructionPanel::setTrainingCorruption(const Corruption& c) {
    m_training = c;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setRange(0, ticks(max_level(c.type)));  // the level's one range (corruption.h)
    }
    m_slider->setEnabled(c.type != CorruptionType::None);
    m_training_label->setText(trainingText());
    setPreviewLevel(c.level);
}

QString ReconstructionPanel::trainingText() const {
    if (m_training.type == CorruptionType::None) return tr("Training noise: none");
    return tr("Training noise: %1 = %2 (%3)")
        .arg(symbol(m_training.type))
        .arg(m_training.level, 0, 'g', 4)
        .arg(QString::fromLatin1(corruption_name(m_training.type)));
}

QString ReconstructionPanel::previewText() const {
    return QStringLiteral("%1 = %2").arg(symbol(m_training.type)).arg(previewLevel(), 0, 'f', 3);
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
    m_value->setText(previewText());
    // Only when the preview differs from the training level is there anything to carry over.
    m_use->setVisible(m_training.type != CorruptionType::None && ticks(m_training.level) != m_slider->value());
    if (m_samples.size() == 0 || !m_has_model || m_model.visible() != m_samples.rows()) return;
    TileLayout layout;
    layout.tile_width = m_width;
    layout.tile_height = m_height;
    layout.columns = static_cast<int>(m_samples.cols());
    const Matrix rows = reconstruction_rows(m_model, m_samples, preview());
    m_view->setImage(
        tiles_image(rows, layout, TileScaling::Fixed01, m_contrast->isChecked() ? Palette::Contrast : Palette::Gray));
}

}  // namespace dae::ui
