#include "dynamics/digit_editor.h"

#include "dae/dataset.h"
#include "dae/variants.h"
#include "render/tile_image.h"
#include "widgets/draw_canvas.h"
#include "widgets/image_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>

namespace dae::ui {

namespace {
constexpr int kSide = 28;
constexpr double kTurn = 15;    // degrees per press
constexpr double kScale = 1.1;  // per press
}  // namespace

DigitEditor::DigitEditor(QWidget* parent) : QWidget(parent) {
    m_canvas = new DrawCanvas(kSide, kSide, this);
    m_canvas->setFixedSize(168, 168);
    m_canvas->setBrushRadius(1.4);
    m_prepared = new ImageView(this);
    m_prepared->setMinimumZoom(2);
    m_prepared->setToolTip(tr("Exactly the pixels that are iterated"));
    m_state = new QLabel(this);
    m_state->setWordWrap(true);
    auto* from_digit = new QPushButton(tr("Edit this digit"), this);
    from_digit->setToolTip(tr("Put the chosen test digit on the canvas, to corrupt it by hand"));
    auto* from_end = new QPushButton(tr("Edit its end point"), this);
    from_end->setToolTip(tr("Put the end point of the trajectory shown on the canvas"));
    auto* wipe = new QPushButton(tr("Clear"), this);
    auto* go = new QPushButton(tr("Iterate the canvas"), this);
    go->setToolTip(tr("Iterate exactly what the canvas shows (an edited digit beside its original)"));

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(from_digit, 0, 0);
    grid->addWidget(from_end, 0, 1);
    grid->addWidget(m_canvas, 1, 0, 1, 2, Qt::AlignHCenter);
    grid->addWidget(buildEdits(), 2, 0, 1, 2);
    grid->addWidget(new QLabel(tr("as iterated:"), this), 3, 0);
    grid->addWidget(m_prepared, 3, 1);
    grid->addWidget(m_state, 4, 0, 1, 2);
    grid->addWidget(wipe, 5, 0);
    grid->addWidget(go, 5, 1);

    connect(from_digit, &QPushButton::clicked, this, &DigitEditor::startFromDigitRequested);
    connect(from_end, &QPushButton::clicked, this, &DigitEditor::startFromEndRequested);
    connect(wipe, &QPushButton::clicked, this, &DigitEditor::clear);
    connect(go, &QPushButton::clicked, this, &DigitEditor::iterateRequested);
    connect(m_canvas, &DrawCanvas::changed, this, [this] {
        showPrepared();
        emit changed();
    });
    clear();
}

QWidget* DigitEditor::buildEdits() {
    auto* box = new QWidget(this);
    auto* g = new QGridLayout(box);
    g->setContentsMargins(0, 0, 0, 0);
    m_tool = new QComboBox(box);
    m_tool->addItem(tr("paint"), static_cast<int>(DrawCanvas::Tool::Paint));
    m_tool->addItem(tr("erase"), static_cast<int>(DrawCanvas::Tool::Erase));
    m_tool->addItem(tr("cover a box"), static_cast<int>(DrawCanvas::Tool::Box));
    m_tool->setToolTip(tr("What the mouse does on the canvas"));
    auto* brush = new QSlider(Qt::Horizontal, box);
    brush->setRange(5, 30);
    brush->setValue(14);
    brush->setToolTip(tr("Brush width"));
    g->addWidget(m_tool, 0, 0, 1, 2);
    g->addWidget(brush, 0, 2, 1, 2);
    auto button = [&](const QString& text, const QString& tip, int row, int col, auto edit) {
        auto* b = new QPushButton(text, box);
        b->setToolTip(tip);
        g->addWidget(b, row, col);
        connect(b, &QPushButton::clicked, this, edit);
    };
    button(QStringLiteral("←"), tr("Shift one pixel left"), 1, 0, [this] { shift(-1, 0); });
    button(QStringLiteral("→"), tr("Shift one pixel right"), 1, 1, [this] { shift(1, 0); });
    button(QStringLiteral("↑"), tr("Shift one pixel up"), 1, 2, [this] { shift(0, -1); });
    button(QStringLiteral("↓"), tr("Shift one pixel down"), 1, 3, [this] { shift(0, 1); });
    button(QStringLiteral("⟲ 15°"), tr("Turn 15° counter-clockwise"), 2, 0, [this] { turn(kTurn); });
    button(QStringLiteral("⟳ 15°"), tr("Turn 15° clockwise"), 2, 1, [this] { turn(-kTurn); });
    button(QStringLiteral("− 10 %"), tr("Shrink by a tenth about the centre"), 2, 2, [this] { scale(1 / kScale); });
    button(QStringLiteral("+ 10 %"), tr("Grow by a tenth about the centre"), 2, 3, [this] { scale(kScale); });
    m_corruption = new QComboBox(box);
    for (CorruptionType t : {CorruptionType::Gaussian, CorruptionType::Masking, CorruptionType::SaltPepper})
        m_corruption->addItem(QString::fromUtf8(corruption_name(t)), static_cast<int>(t));
    m_corruption->setToolTip(tr("One of the engine's corruptions, applied once to the canvas"));
    m_level = new QDoubleSpinBox(box);
    m_level->setRange(0, 1);
    m_level->setSingleStep(0.05);
    m_level->setValue(0.3);
    m_level->setToolTip(tr("σ for Gaussian noise, ν (the share of pixels) for masking and salt-and-pepper"));
    g->addWidget(m_corruption, 3, 0, 1, 2);
    g->addWidget(m_level, 3, 2);
    button(tr("Apply"), tr("Corrupt the canvas (values clipped to [0, 1], as shown)"), 3, 3, [this] {
        corrupt({static_cast<CorruptionType>(m_corruption->currentData().toInt()), m_level->value()});
    });
    connect(m_tool, &QComboBox::currentIndexChanged, this,
            [this] { m_canvas->setTool(static_cast<DrawCanvas::Tool>(m_tool->currentData().toInt())); });
    connect(brush, &QSlider::valueChanged, this, [this](int v) { m_canvas->setBrushRadius(v / 10.0); });
    return box;
}

void DigitEditor::startFrom(const Vector& pixels, int label, const QString& origin) {
    m_original = pixels.cwiseMax(0.0F).cwiseMin(1.0F);
    m_label = label;
    m_origin = origin;
    m_corruptions = 0;
    m_canvas->setPixels(*m_original);
}

void DigitEditor::clear() {
    m_original.reset();
    m_label = -1;
    m_origin.clear();
    m_canvas->clear();
}

Vector DigitEditor::pixelsToIterate() const {
    return m_original ? m_canvas->pixels() : normalize_like_mnist(m_canvas->pixels(), kSide, kSide);
}

void DigitEditor::replace(const Vector& pixels) { m_canvas->setPixels(pixels); }

void DigitEditor::shift(int dx, int dy) { replace(shifted_image(m_canvas->pixels(), kSide, kSide, dx, dy)); }

void DigitEditor::turn(double degrees) { replace(rotated_image(m_canvas->pixels(), kSide, kSide, degrees)); }

void DigitEditor::scale(double factor) { replace(scaled_image(m_canvas->pixels(), kSide, kSide, factor)); }

void DigitEditor::corrupt(const Corruption& c) {
    Corrupter corrupter(++m_corruptions);
    Matrix out;
    corrupter.apply(c, m_canvas->pixels(), out);
    replace(out.col(0));
}

void DigitEditor::showPrepared() {
    TileLayout l;
    l.columns = 1;
    l.gap = 0;
    m_prepared->setImage(tiles_image(pixelsToIterate(), l, TileScaling::Fixed01));
    m_state->setText(
        m_original ? tr("Editing %1 (label %2): iterated as shown, beside the original.").arg(m_origin).arg(m_label)
                   : tr("A drawing: centred like MNIST before it is iterated."));
}

}  // namespace dae::ui
