#include "dynamics/trajectory_player.h"

#include "render/file_output.h"
#include "render/outcome_style.h"
#include "render/tile_image.h"
#include "widgets/image_view.h"
#include "widgets/log_plot.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTextStream>
#include <QVBoxLayout>

#include <cmath>

namespace dae::ui {

namespace {
TileLayout single_tile(Index d) {
    TileLayout l;
    l.columns = 1;
    l.gap = 0;
    l.tile_width = l.tile_height = static_cast<int>(std::lround(std::sqrt(static_cast<double>(d))));
    return l;
}
}  // namespace

QLayout* TrajectoryPlayer::buildFrames() {
    m_frame = new ImageView(this);
    m_frame->setMinimumZoom(5);
    m_compare = new ImageView(this);  // the comparison, when there is one
    m_compare->setMinimumZoom(3);
    m_compare->setVisible(false);
    m_compare_label = new QLabel(this);
    m_compare_label->setWordWrap(true);
    m_compare_label->setVisible(false);
    auto* beside = new QVBoxLayout;
    beside->addWidget(m_compare, 1);
    beside->addWidget(m_compare_label);
    auto* frames = new QHBoxLayout;
    frames->addWidget(m_frame, 2);
    frames->addLayout(beside, 1);
    return frames;
}

TrajectoryPlayer::TrajectoryPlayer(QWidget* parent) : QWidget(parent) {
    m_step_label = new QLabel(this);
    m_verdict = new QLabel(this);
    m_outcome = new QLabel(this);
    m_outcome->setTextFormat(Qt::RichText);
    for (QLabel* l : {m_step_label, m_verdict, m_outcome})
        l->setWordWrap(true);
    m_stability = new QLabel(this);
    m_stability->setWordWrap(true);
    m_direction = new ImageView(this);
    m_direction->setMinimumZoom(2);
    m_direction->setToolTip(tr("The leading direction of the Jacobian at the end point (per-tile scaling)"));
    m_scrubber = new QSlider(Qt::Horizontal, this);
    m_scrubber->setToolTip(tr("Drag to any step"));
    m_goto = new QSpinBox(this);
    m_goto->setPrefix(tr("step "));
    m_goto->setKeyboardTracking(false);
    m_goto->setToolTip(tr("Go to step i of the trajectory xⁱ = r(xⁱ⁻¹)"));
    auto button = [this](QStyle::StandardPixmap icon, const QString& tip) {
        auto* b = new QPushButton(style()->standardIcon(icon), QString(), this);
        b->setToolTip(tip);
        return b;
    };
    auto* first = button(QStyle::SP_MediaSkipBackward, tr("First step (Home)"));
    auto* back = button(QStyle::SP_MediaSeekBackward, tr("Step back (,)"));
    m_play = new QPushButton(tr("Play"), this);
    m_play->setToolTip(tr("Play / pause (Space)"));
    auto* fwd = button(QStyle::SP_MediaSeekForward, tr("Step forward (.)"));
    auto* last = button(QStyle::SP_MediaSkipForward, tr("Last step (End)"));
    m_speed = new QComboBox(this);
    for (int fps : {2, 5, 10, 25, 60})
        m_speed->addItem(tr("%1 frames/s").arg(fps), fps);
    m_speed->setToolTip(tr("Playback speed"));
    m_speed->setCurrentIndex(2);
    auto* export_frames = new QPushButton(tr("Frames PNG…"), this);
    export_frames->setToolTip(tr("Save every frame of the trajectory as a PNG (frame-0000.png, …)"));
    auto* export_curves = new QPushButton(tr("Curves CSV…"), this);
    export_curves->setToolTip(tr("Save lᵢ, dᵢ and the judge's reading per step as CSV"));
    m_plot = new LogPlot(this);

    // Three short rows rather than one long one: the Dynamics tab must fit beside the window's docks.
    auto* controls = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{first, back, m_play, fwd, last})
        controls->addWidget(w);
    controls->addStretch(1);
    auto* pace = new QHBoxLayout;
    pace->addWidget(m_goto);
    pace->addWidget(m_speed);
    pace->addStretch(1);
    auto* exports = new QHBoxLayout;
    exports->addWidget(export_frames);
    exports->addWidget(export_curves);
    exports->addStretch(1);
    auto* stab = new QHBoxLayout;
    stab->addWidget(m_stability, 1);
    stab->addWidget(m_direction);
    auto* left = new QVBoxLayout;
    left->addLayout(buildFrames(), 1);
    left->addWidget(m_step_label);
    left->addWidget(m_verdict);
    left->addWidget(m_outcome);
    left->addLayout(stab);
    // The frame above its curves (not beside them): the column stays narrow enough for the tab.
    auto* top = new QVBoxLayout;
    top->addLayout(left, 3);
    top->addWidget(m_plot, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top, 1);
    layout->addWidget(m_scrubber);
    layout->addLayout(controls);
    layout->addLayout(pace);
    layout->addLayout(exports);

    wire(first, back, fwd, last, export_frames, export_curves);
    setFocusPolicy(Qt::StrongFocus);
    refresh();
}

void TrajectoryPlayer::wire(QPushButton* first, QPushButton* back, QPushButton* fwd, QPushButton* last,
                            QPushButton* export_frames, QPushButton* export_curves) {
    connect(m_scrubber, &QSlider::valueChanged, this, &TrajectoryPlayer::setStep);
    connect(m_goto, &QSpinBox::valueChanged, this, &TrajectoryPlayer::setStep);
    connect(first, &QPushButton::clicked, this, [this] { setStep(0); });
    connect(last, &QPushButton::clicked, this, [this] { setStep(m_t.steps()); });
    connect(back, &QPushButton::clicked, this, [this] { setStep(m_step - 1); });
    connect(fwd, &QPushButton::clicked, this, [this] { setStep(m_step + 1); });
    // Shortcuts, not button shortcuts: a button's shortcut animates a click and ignores presses
    // during the animation, which dropped fast or auto-repeated key presses.
    auto shortcut = [this](QKeySequence key, auto slot) {
        auto* s = new QShortcut(key, this, slot);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        s->setAutoRepeat(true);
    };
    shortcut(QKeySequence(Qt::Key_Comma), [this] { setStep(m_step - 1); });
    shortcut(QKeySequence(Qt::Key_Period), [this] { setStep(m_step + 1); });
    shortcut(QKeySequence(Qt::Key_Home), [this] { setStep(0); });
    shortcut(QKeySequence(Qt::Key_End), [this] { setStep(m_t.steps()); });
    shortcut(QKeySequence(Qt::Key_Space), [this] { playing() ? pause() : play(); });
    connect(m_play, &QPushButton::clicked, this, [this] { playing() ? pause() : play(); });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (playing()) m_timer.start(1000 / m_speed->currentData().toInt());
    });
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_step >= m_t.steps()) return pause();
        setStep(m_step + 1);
    });
    connect(export_frames, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the frames"));
        QString error;
        if (!dir.isEmpty()) emit message(exportFrames(dir, &error) ? tr("Frames saved in %1").arg(dir) : error);
    });
    connect(export_curves, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save curves"), QStringLiteral("trajectory.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty()) emit message(exportCurves(path, &error) ? tr("Curves saved to %1").arg(path) : error);
    });
}

void TrajectoryPlayer::setTrajectory(const Trajectory& t) {
    pause();
    m_t = t;
    m_compare_t = Trajectory{};
    const int last = std::max(0, t.steps());
    {
        const QSignalBlocker a(m_scrubber), b(m_goto);
        m_scrubber->setRange(0, last);
        m_goto->setRange(0, last);
    }
    m_plot->setCurves(t.step_length, t.distance, t.reference_step);
    const Outcome o = t.ending == Ending::Cycle          ? Outcome::Cycle
                      : t.ending == Ending::NotConverged ? Outcome::NotConverged
                                                         : t.outcome.outcome;
    const QString name =
        t.predicted.empty() && t.ending == Ending::Converged ? tr("settled") : QString::fromLatin1(outcome_name(o));
    m_outcome->setText(QStringLiteral("<span style='background:%1;color:white'>&nbsp;%2&nbsp;</span> %3")
                           .arg(QString::fromLatin1(outcome_colour(o)), name,
                                t.label >= 0 ? tr("input label %1").arg(t.label) : tr("drawn input")));
    m_stability->setText(stabilityText());
    if (t.radius >= 0 && t.direction.size() == t.frames.rows())
        m_direction->setImage(tiles_image(t.direction, single_tile(t.frames.rows()), TileScaling::PerTile));
    else
        m_direction->setImage(QImage());
    m_step = -1;  // so that setStep(0) refreshes
    setStep(0);
}

void TrajectoryPlayer::setStep(int step) {
    step = std::clamp(step, 0, std::max(0, m_t.steps()));
    if (step == m_step) return;
    m_step = step;
    refresh();
}

void TrajectoryPlayer::refresh() {
    const int step = std::max(0, m_step);
    {
        const QSignalBlocker a(m_scrubber), b(m_goto);
        m_scrubber->setValue(step);
        m_goto->setValue(step);
    }
    m_plot->setMarker(step);
    m_step_label->setText(stepText());
    m_verdict->setText(verdictText());
    if (m_t.frames.cols() == 0) {
        m_frame->setImage(QImage());
        return;
    }
    m_frame->setImage(tiles_image(m_t.frames.col(step), single_tile(m_t.frames.rows()), TileScaling::Fixed01));
    const bool compare = m_compare_t.frames.cols() > 0;
    m_compare->setVisible(compare);
    m_compare_label->setVisible(compare);
    if (!compare) return;
    const int at = comparisonStep();
    m_compare->setImage(
        tiles_image(m_compare_t.frames.col(at), single_tile(m_compare_t.frames.rows()), TileScaling::Fixed01));
    m_compare_label->setText(comparisonText());
}

void TrajectoryPlayer::setComparison(const Trajectory& t, const QString& name) {
    m_compare_t = t;
    m_compare_name = name;
    refresh();
}

int TrajectoryPlayer::comparisonStep() const {
    // Step for step; at the end of the trajectory shown, the comparison's end (however long it ran).
    const int step = std::max(0, m_step);
    return step >= m_t.steps() ? m_compare_t.steps() : std::min(step, m_compare_t.steps());
}

QImage TrajectoryPlayer::comparisonImage() const {
    return m_compare->isVisibleTo(this) ? m_compare->image() : QImage();
}

QString TrajectoryPlayer::comparisonText() const {
    if (m_compare_t.frames.cols() == 0) return {};
    const int at = comparisonStep();
    QString text = tr("%1 at step %2").arg(m_compare_name).arg(at);
    const auto si = static_cast<std::size_t>(at);
    if (si < m_compare_t.predicted.size())
        text += tr(": the judge reads a %1 (%2 %)")
                    .arg(m_compare_t.predicted[si])
                    .arg(100.0 * m_compare_t.confidence[si], 0, 'f', 1);
    if (at == m_compare_t.steps() && !m_compare_t.predicted.empty())
        text += tr("; it ends %1").arg(QString::fromUtf8(outcome_name(m_compare_t.outcome.outcome)));
    return text;
}

void TrajectoryPlayer::play() {
    if (m_t.steps() <= 0) return;
    if (m_step >= m_t.steps()) setStep(0);
    m_timer.start(1000 / m_speed->currentData().toInt());
    m_play->setText(tr("Pause"));
}

void TrajectoryPlayer::pause() {
    m_timer.stop();
    m_play->setText(tr("Play"));
}

QString TrajectoryPlayer::stepText() const {
    if (m_t.frames.cols() == 0) return tr("Pick a digit or draw one, then iterate it.");
    const auto si = static_cast<std::size_t>(m_step);
    return tr("step %1 of %2   lᵢ = %3   dᵢ = ‖xⁱ − x^%4‖ = %5")
        .arg(m_step)
        .arg(m_t.steps())
        .arg(m_step > 0 && si - 1 < m_t.step_length.size() ? QString::number(m_t.step_length[si - 1], 'g', 3)
                                                           : QStringLiteral("–"))
        .arg(m_t.reference_step)
        .arg(si < m_t.distance.size() ? QString::number(m_t.distance[si], 'g', 3) : QStringLiteral("–"));
}

QString TrajectoryPlayer::verdictText() const {
    const auto si = static_cast<std::size_t>(std::max(0, m_step));
    if (si >= m_t.predicted.size()) return m_t.frames.cols() ? tr("(the judge is not ready yet)") : QString();
    return tr("the judge reads a %1 (%2 %)").arg(m_t.predicted[si]).arg(100.0 * m_t.confidence[si], 0, 'f', 1);
}

QString TrajectoryPlayer::stabilityText() const {
    if (m_t.radius < 0) return tr("Stability: computed for a point that settled.");
    return tr("Jacobian at the end point: spectral radius ρ = %1 — %2.")
        .arg(m_t.radius, 0, 'f', 4)
        .arg(m_t.radius < 1 ? tr("stable (small perturbations shrink)") : tr("unstable"));
}

QImage TrajectoryPlayer::frameImage() const { return m_frame->image(); }

bool TrajectoryPlayer::exportFrames(const QString& folder, QString* error) const {
    if (!QDir().mkpath(folder)) {
        if (error) *error = folder + tr(": cannot create the folder");
        return false;
    }
    const TileLayout l = single_tile(m_t.frames.rows());
    for (Index f = 0; f < m_t.frames.cols(); ++f) {
        const QString file = QStringLiteral("%1/frame-%2.png").arg(folder).arg(f, 4, 10, QLatin1Char('0'));
        if (!save_image(tiles_image(m_t.frames.col(f), l, TileScaling::Fixed01), file, error, 8)) return false;
    }
    return true;
}

bool TrajectoryPlayer::exportCurves(const QString& path, QString* error) const {
    QString text;
    QTextStream out(&text);
    out << "step,step_length,distance_to_step_" << m_t.reference_step << ",predicted,confidence\n";
    for (std::size_t i = 0; i < m_t.distance.size(); ++i) {
        out << i << ','
            << (i > 0 && i - 1 < m_t.step_length.size() ? QString::number(m_t.step_length[i - 1], 'g', 9) : QString())
            << ',' << m_t.distance[i] << ',';
        if (i < m_t.predicted.size())
            out << m_t.predicted[i] << ',' << m_t.confidence[i];
        else
            out << ',';
        out << '\n';
    }
    out.flush();
    return write_text_file(path, text, error);
}

}  // namespace dae::ui
