#include "dynamics_panel.h"

#include "draw_canvas.h"
#include "image_view.h"
#include "log_plot.h"
#include "outcome_style.h"
#include "tile_image.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTextStream>
#include <QVBoxLayout>

#include <numeric>

namespace dae::ui {

namespace {

constexpr int kGalleryPerRow = 10;
constexpr int kGalleryMax = 40;

// Clicks on the gallery image map back to held-out samples.
class ClickableImage : public ImageView {
public:
    std::function<void(QPoint)> clicked;
    using ImageView::ImageView;

protected:
    void mousePressEvent(QMouseEvent* e) override {
        const QPoint p = imagePixelAt(e->position().toPoint());
        if (p.x() >= 0 && clicked) clicked(p);
    }
};

}  // namespace

DynamicsPanel::DynamicsPanel(QWidget* parent) : QWidget(parent), m_worker(new DynamicsWorker) {
    qRegisterMetaType<Trajectory>();
    qRegisterMetaType<SetResult>();
    qRegisterMetaType<ToyModel>();
    qRegisterMetaType<SoftmaxClassifier>();
    qRegisterMetaType<Vector>();
    qRegisterMetaType<Dataset>();
    qRegisterMetaType<IterationConfig>();
    qRegisterMetaType<OutcomeThresholds>();
    qRegisterMetaType<Autoencoder>();
    m_thread.setObjectName(QStringLiteral("daelab dynamics"));
    buildUi();
    DynamicsWorker::Handlers h;
    h.post_to_gui = [this](std::function<void()> f) { m_events.post(std::move(f)); };

    h.trajectory = [this](const Trajectory& t) {
        if (t.job != m_job) return;  // superseded
        m_cancel->setEnabled(false);
        showTrajectory(t);
        if (t.cancelled) emit message(tr("Iteration cancelled at step %1").arg(t.frames.cols() - 1));
    };
    h.progress = [this](quint64 job, int step, qint64 converged, qint64 total) {
        if (job != m_set_job) return;
        m_progress->setFormat(tr("step %1: %2 of %3 converged").arg(step).arg(converged).arg(total));
        m_progress->setValue(static_cast<int>(1000.0 * converged / std::max<qint64>(1, total)));
    };
    h.set = [this](const SetResult& r) {
        if (r.job != m_set_job) return;
        m_cancel->setEnabled(false);
        m_set = r;
        const Index n = r.data.size();
        QString text = tr("<b>%1 held-out digits</b>, %2 steps%3<br>").arg(n).arg(r.steps_run).arg(r.cancelled ? tr(" (cancelled)") : QString());
        for (int o = 0; o < kOutcomeCount; ++o) {
            const Index c = r.summary.counts[static_cast<std::size_t>(o)];
            text += QStringLiteral("<span style='color:%1'>■</span> %2: <b>%3</b> (%4 %)<br>")
                        .arg(outcome_colour(Outcome(o)), outcome_name(Outcome(o)))
                        .arg(c)
                        .arg(100.0 * c / std::max<Index>(1, n), 0, 'f', 1);
        }
        if (r.summary.explosions >= 2)
            text += r.summary.explosions_coincide
                        ? tr("All %1 explosions coincide (largest distance %2): the paper's “remarkable fact”.").arg(r.summary.explosions).arg(r.summary.explosion_spread, 0, 'g', 3)
                        : tr("The %1 explosions do not all coincide (largest distance %2).").arg(r.summary.explosions).arg(r.summary.explosion_spread, 0, 'g', 3);
        m_counts->setText(text);
        m_progress->setValue(1000);
        showGallery();
        emit setFinished();
    };
    h.reference = [this](quint64, const SoftmaxClassifier& c) {
        m_reference = c;
        emit message(tr("Reference classifier ready"));
    };
    h.failed = [this](quint64 job, const QString& why) {
        m_cancel->setEnabled(false);
        if (job == m_atlas_job) emit atlasStopped(why);
        emit message(why);
    };
    h.atlas = [this](quint64 job, const AtlasRow& row, int done, int total) {
        if (job == m_atlas_job) emit atlasRow(row, done, total);
    };
    m_worker->setHandlers(std::move(h));  // before the thread starts
    connect(&m_thread, &QThread::finished, this, [this] { const std::lock_guard<std::mutex> lock(m_joined); }, Qt::DirectConnection);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (currentStep() >= m_trajectory.frames.cols() - 1) {
            m_timer.stop();
            m_play->setText(tr("Play"));
            return;
        }
        goToStep(currentStep() + 1);
    });
}

DynamicsPanel::~DynamicsPanel() {
    m_worker->cancel();
    m_thread.quit();
    m_thread.wait();
    { const std::lock_guard<std::mutex> lock(m_joined); }
    delete m_worker;
}

void DynamicsPanel::buildUi() {
    // Input.
    m_index = new QSpinBox(this);
    m_index->setPrefix(tr("digit #"));
    m_label_filter = new QComboBox(this);
    m_label_filter->addItem(tr("any label"), -1);
    for (int d = 0; d < 10; ++d) m_label_filter->addItem(tr("label %1").arg(d), d);
    auto* random = new QPushButton(tr("Random"), this);
    auto* go = new QPushButton(tr("Iterate digit"), this);
    go->setToolTip(tr("Iterate the chosen held-out digit"));
    m_canvas = new DrawCanvas(28, 28, this);
    m_canvas->setFixedSize(196, 196);
    m_brush = new QSlider(Qt::Horizontal, this);
    m_brush->setRange(5, 30);
    m_brush->setValue(14);
    auto* clear = new QPushButton(tr("Clear"), this);
    auto* draw_go = new QPushButton(tr("Iterate drawing"), this);
    auto* input = new QGroupBox(tr("Input"), this);
    input->setMaximumWidth(240);
    auto* in = new QGridLayout(input);
    in->addWidget(m_index, 0, 0);
    in->addWidget(m_label_filter, 0, 1);
    in->addWidget(random, 1, 0);
    in->addWidget(go, 1, 1);
    in->addWidget(new QLabel(tr("…or draw a digit:"), this), 2, 0, 1, 2);
    in->addWidget(m_canvas, 3, 0, 1, 2);
    in->addWidget(new QLabel(tr("brush"), this), 4, 0);
    in->addWidget(m_brush, 4, 1);
    in->addWidget(clear, 5, 0);
    in->addWidget(draw_go, 5, 1);
    in->setRowStretch(6, 1);
    connect(random, &QPushButton::clicked, this, [this] {
        const int want = m_label_filter->currentData().toInt();
        std::vector<Index> candidates;
        for (Index j = 0; j < m_held_out.size(); ++j)
            if (want < 0 || m_held_out.labels[static_cast<std::size_t>(j)] == want) candidates.push_back(j);
        if (candidates.empty()) return;
        static Rng rng(12345);
        m_index->setValue(static_cast<int>(candidates[rng.below(candidates.size())]));
        iterateSample(m_index->value());
    });
    connect(go, &QPushButton::clicked, this, [this] { iterateSample(m_index->value()); });
    connect(clear, &QPushButton::clicked, m_canvas, &DrawCanvas::clear);
    connect(draw_go, &QPushButton::clicked, this, &DynamicsPanel::iterateDrawing);
    connect(m_brush, &QSlider::valueChanged, this, [this](int v) { m_canvas->setBrushRadius(v / 10.0); });
    m_canvas->setBrushRadius(1.4);

    // Trajectory.
    m_frame = new ImageView(this);
    m_frame->setMinimumZoom(6);
    m_step_label = new QLabel(this);
    m_verdict = new QLabel(this);
    m_outcome = new QLabel(this);
    m_outcome->setTextFormat(Qt::RichText);
    m_stability = new QLabel(this);
    m_stability->setWordWrap(true);
    m_direction = new ImageView(this);
    m_direction->setMinimumZoom(3);
    m_direction->setToolTip(tr("The leading direction of the Jacobian at the end point (per-tile scaling)"));
    m_scrubber = new QSlider(Qt::Horizontal, this);
    m_goto = new QSpinBox(this);
    m_goto->setPrefix(tr("step "));
    auto button = [this](QStyle::StandardPixmap icon, const QString& tip) {
        auto* b = new QPushButton(style()->standardIcon(icon), QString(), this);
        b->setToolTip(tip);
        return b;
    };
    auto* first = button(QStyle::SP_MediaSkipBackward, tr("First step"));
    auto* back = button(QStyle::SP_MediaSeekBackward, tr("Step back (,)"));
    m_play = new QPushButton(tr("Play"), this);
    auto* fwd = button(QStyle::SP_MediaSeekForward, tr("Step forward (.)"));
    auto* last = button(QStyle::SP_MediaSkipForward, tr("Last step"));
    back->setShortcut(QKeySequence(Qt::Key_Comma));
    fwd->setShortcut(QKeySequence(Qt::Key_Period));
    m_speed = new QComboBox(this);
    for (int fps : {2, 5, 10, 25, 60}) m_speed->addItem(tr("%1 frames/s").arg(fps), fps);
    m_speed->setCurrentIndex(2);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    auto* controls = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{first, back, m_play, fwd, last}) controls->addWidget(w);
    auto* export_frames = new QPushButton(tr("Export frames…"), this);
    export_frames->setToolTip(tr("Save every frame of the trajectory as a PNG (frame-0000.png, …)"));
    auto* export_curves = new QPushButton(tr("Curves CSV…"), this);
    export_curves->setToolTip(tr("Save lᵢ, dᵢ and the classifier's reading per step as CSV"));
    auto* controls2 = new QHBoxLayout;
    controls2->addWidget(m_goto);
    controls2->addWidget(m_speed);
    controls2->addWidget(m_cancel);
    auto* controls3 = new QHBoxLayout;
    controls3->addWidget(export_frames);
    controls3->addWidget(export_curves);
    connect(export_frames, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the frames"));
        QString error;
        if (!dir.isEmpty()) emit message(exportFrames(dir, &error) ? tr("Frames saved in %1").arg(dir) : error);
    });
    connect(export_curves, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save curves"), QStringLiteral("trajectory.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty()) emit message(exportCurves(path, &error) ? tr("Curves saved to %1").arg(path) : error);
    });
    auto* traj = new QGroupBox(tr("Trajectory  xⁱ = r(xⁱ⁻¹)"), this);
    auto* tl = new QVBoxLayout(traj);
    tl->addWidget(m_frame, 1);
    tl->addWidget(m_step_label);
    tl->addWidget(m_verdict);
    auto* stab = new QHBoxLayout;
    stab->addWidget(m_stability, 1);
    stab->addWidget(m_direction);
    tl->addWidget(m_outcome);
    tl->addLayout(stab);
    tl->addWidget(m_scrubber);
    tl->addLayout(controls);
    tl->addLayout(controls2);
    tl->addLayout(controls3);
    connect(m_scrubber, &QSlider::valueChanged, this, &DynamicsPanel::showFrame);
    connect(m_goto, &QSpinBox::valueChanged, this, &DynamicsPanel::goToStep);
    connect(first, &QPushButton::clicked, this, [this] { goToStep(0); });
    connect(last, &QPushButton::clicked, this, [this] { goToStep(static_cast<int>(m_trajectory.frames.cols()) - 1); });
    connect(back, &QPushButton::clicked, this, [this] { goToStep(currentStep() - 1); });
    connect(fwd, &QPushButton::clicked, this, [this] { goToStep(currentStep() + 1); });
    connect(m_play, &QPushButton::clicked, this, [this] {
        if (m_timer.isActive()) {
            m_timer.stop();
            m_play->setText(tr("Play"));
            return;
        }
        if (currentStep() >= m_trajectory.frames.cols() - 1) goToStep(0);
        m_timer.start(1000 / m_speed->currentData().toInt());
        m_play->setText(tr("Pause"));
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (m_timer.isActive()) m_timer.start(1000 / m_speed->currentData().toInt());
    });
    connect(m_cancel, &QPushButton::clicked, this, &DynamicsPanel::cancel);

    m_plot = new LogPlot(this);

    // Whole set.
    auto* run_set = new QPushButton(tr("Iterate all held-out digits"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_counts = new QLabel(tr("Outcome counts appear here."), this);
    m_counts->setTextFormat(Qt::RichText);
    m_counts->setWordWrap(true);
    m_gallery_outcome = new QComboBox(this);
    for (int o = 0; o < kOutcomeCount; ++o) m_gallery_outcome->addItem(QString::fromLatin1(outcome_name(Outcome(o))), o);
    auto* gallery = new ClickableImage(this);
    gallery->setMinimumZoom(1);
    gallery->setCaption(tr("originals above their fixed points — click one to open its trajectory"));
    gallery->clicked = [this](QPoint p) { onGalleryClick(p); };
    m_gallery_view = gallery;
    auto* set_box = new QGroupBox(tr("Whole held-out set"), this);
    auto* sl = new QVBoxLayout(set_box);
    auto* set_bar = new QHBoxLayout;
    set_bar->addWidget(run_set);
    set_bar->addWidget(m_progress, 1);
    sl->addLayout(set_bar);
    sl->addWidget(m_counts);
    auto* gbar = new QHBoxLayout;
    gbar->addWidget(new QLabel(tr("Gallery of"), this));
    gbar->addWidget(m_gallery_outcome, 1);
    sl->addLayout(gbar);
    sl->addWidget(m_gallery_view, 1);
    connect(run_set, &QPushButton::clicked, this, &DynamicsPanel::iterateSet);
    connect(m_gallery_outcome, &QComboBox::currentIndexChanged, this, &DynamicsPanel::showGallery);

    auto* right = new QVBoxLayout;
    right->addWidget(m_plot, 1);
    right->addWidget(set_box, 2);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(input);
    layout->addWidget(traj, 2);
    layout->addLayout(right, 2);
}

void DynamicsPanel::setData(const Dataset& train, const Dataset& held_out) {
    m_train = train;
    m_held_out = held_out;
    m_index->setRange(0, static_cast<int>(std::max<Index>(0, held_out.size() - 1)));
    m_reference = SoftmaxClassifier();
    m_set = SetResult();
    m_counts->setText(tr("Outcome counts appear here."));
    if (train.size() > 0 && train.num_classes >= 2)
        m_worker->commands().post([w = m_worker, t = train] { w->trainReference(0, t); });
}

void DynamicsPanel::setModel(const Autoencoder& model) {
    m_model = model;
    m_has_model = model.visible() == m_held_out.dim() || m_held_out.size() == 0;
}

IterationConfig DynamicsPanel::iterationConfig() const { return IterationConfig{}; }

void DynamicsPanel::iterateSample(Index i) {
    if (!m_has_model || i < 0 || i >= m_held_out.size()) return;
    const quint64 job = ++m_job;
    if (m_index->value() != i) {
        const QSignalBlocker b(m_index);
        m_index->setValue(static_cast<int>(i));
    }
    m_worker->clearCancel();
    m_cancel->setEnabled(true);
    m_worker->commands().post([w = m_worker, job, m = m_model, x = Vector(m_held_out.samples.col(i)),
                               l = m_held_out.labels[static_cast<std::size_t>(i)], c = m_reference,
                               cfg = iterationConfig()] { w->iterateOne(job, m, x, l, c, cfg); });
}

void DynamicsPanel::iterateDrawing() {
    if (!m_has_model || m_canvas->pixels().size() != m_model.visible()) return;
    const quint64 job = ++m_job;
    m_worker->clearCancel();
    m_cancel->setEnabled(true);
    m_worker->commands().post([w = m_worker, job, m = m_model, x = m_canvas->pixels(), c = m_reference,
                               cfg = iterationConfig()] { w->iterateOne(job, m, x, -1, c, cfg); });
}

void DynamicsPanel::iterateSet() {
    if (!m_has_model || m_held_out.size() == 0) return;
    if (!m_reference.trained()) {
        emit message(tr("The reference classifier is still training; try again in a moment"));
        return;
    }
    const quint64 job = m_set_job = ++m_job;
    m_worker->clearCancel();
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_worker->commands().post([w = m_worker, job, m = m_model, d = m_held_out, c = m_reference,
                               cfg = iterationConfig()] { w->iterateSet(job, m, d, c, cfg, OutcomeThresholds{}); });
}

bool DynamicsPanel::startAtlas(std::vector<std::pair<int, Autoencoder>> snapshots, Index probe_size) {
    if (snapshots.empty() || m_held_out.size() == 0) {
        emit message(tr("The outcome atlas needs a training run (its epoch snapshots) and held-out data"));
        return false;
    }
    if (!m_reference.trained()) {
        emit message(tr("The reference classifier is still training; try again in a moment"));
        return false;
    }
    std::vector<Index> first(static_cast<std::size_t>(std::clamp<Index>(probe_size, 1, m_held_out.size())));
    std::iota(first.begin(), first.end(), Index{0});
    const quint64 job = m_atlas_job = ++m_job;
    m_worker->clearCancel();
    m_worker->commands().post([w = m_worker, job, s = std::move(snapshots), d = m_held_out.subset(first), c = m_reference,
                               cfg = iterationConfig()] { w->iterateAtlas(job, s, d, c, cfg, OutcomeThresholds{}); });
    return true;
}

void DynamicsPanel::cancel() { m_worker->cancel(); }

void DynamicsPanel::showTrajectory(const Trajectory& t) {
    m_timer.stop();
    m_play->setText(tr("Play"));
    m_trajectory = t;
    const int last = static_cast<int>(std::max<Index>(0, t.frames.cols() - 1));
    {
        const QSignalBlocker a(m_scrubber), b(m_goto);
        m_scrubber->setRange(0, last);
        m_goto->setRange(0, last);
    }
    m_plot->setCurves(t.step_length, t.distance);
    const QString name = QString::fromLatin1(t.ending == Ending::Converged ? outcome_name(t.outcome.outcome) : ending_name(t.ending));
    const Outcome o = t.ending == Ending::Cycle ? Outcome::Cycle : t.ending == Ending::NotConverged ? Outcome::NotConverged : t.outcome.outcome;
    m_outcome->setText(QStringLiteral("<span style='background:%1;color:white;padding:2px 6px'>&nbsp;%2&nbsp;</span>  after %3 steps%4")
                           .arg(outcome_colour(o), t.predicted.empty() && t.ending == Ending::Converged ? tr("settled") : name)
                           .arg(last)
                           .arg(t.label >= 0 ? tr(", input label %1").arg(t.label) : tr(", drawn input")));
    m_stability->setText(stabilityText());
    if (t.radius >= 0 && t.direction.size() == t.frames.rows()) {
        TileLayout dl;
        dl.columns = 1;
        dl.gap = 0;
        dl.tile_width = dl.tile_height = static_cast<int>(std::lround(std::sqrt(static_cast<double>(t.frames.rows()))));
        m_direction->setImage(tiles_image(t.direction, dl, TileScaling::PerTile));
    } else {
        m_direction->setImage(QImage());
    }
    goToStep(0);
    showFrame(0);
    emit trajectoryShown();
}

int DynamicsPanel::currentStep() const { return m_scrubber->value(); }

void DynamicsPanel::goToStep(int step) {
    step = std::clamp(step, 0, static_cast<int>(std::max<Index>(0, m_trajectory.frames.cols() - 1)));
    m_scrubber->setValue(step);  // → showFrame
    if (m_goto->value() != step) {
        const QSignalBlocker b(m_goto);
        m_goto->setValue(step);
    }
}

void DynamicsPanel::showFrame(int step) {
    if (m_trajectory.frames.cols() == 0) return;
    TileLayout l;
    l.columns = 1;
    l.gap = 0;
    const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(m_trajectory.frames.rows()))));
    l.tile_width = l.tile_height = side;
    m_frame->setImage(tiles_image(m_trajectory.frames.col(step), l, TileScaling::Fixed01));
    m_plot->setMarker(step);
    const auto si = static_cast<std::size_t>(step);
    m_step_label->setText(tr("step %1 of %2   lᵢ = %3   dᵢ = %4")
                              .arg(step)
                              .arg(m_trajectory.frames.cols() - 1)
                              .arg(step > 0 ? QString::number(m_trajectory.step_length[si - 1], 'g', 3) : QStringLiteral("–"))
                              .arg(QString::number(m_trajectory.distance[si], 'g', 3)));
    m_verdict->setText(verdictText());
}

QString DynamicsPanel::verdictText() const {
    const auto si = static_cast<std::size_t>(currentStep());
    if (si >= m_trajectory.predicted.size()) return tr("(no reference classifier yet)");
    return tr("the reference classifier reads a %1 (%2 %)").arg(m_trajectory.predicted[si]).arg(100.0 * m_trajectory.confidence[si], 0, 'f', 1);
}

QString DynamicsPanel::outcomeText() const { return m_outcome->text(); }

QString DynamicsPanel::stabilityText() const {
    if (m_trajectory.radius < 0) return tr("Stability: only for a point that settled.");
    return tr("Jacobian at the fixed point: spectral radius ρ = %1, so the fixed point is %2. Its leading direction:")
        .arg(m_trajectory.radius, 0, 'f', 4)
        .arg(m_trajectory.radius < 1 ? tr("stable (perturbations shrink)") : tr("unstable"));
}

QImage DynamicsPanel::frameImage() const { return m_frame->image(); }

void DynamicsPanel::showGallery() {
    m_gallery.clear();
    const int want = m_gallery_outcome->currentData().toInt();
    for (std::size_t j = 0; j < m_set.outcomes.size() && static_cast<int>(m_gallery.size()) < kGalleryMax; ++j)
        if (int(m_set.outcomes[j].outcome) == want) m_gallery.push_back(static_cast<Index>(j));
    const int rows = (static_cast<int>(m_gallery.size()) + kGalleryPerRow - 1) / kGalleryPerRow;
    if (rows == 0) {
        m_gallery_view->setImage(QImage());
        return;
    }
    Matrix tiles = Matrix::Zero(m_set.data.dim(), 2 * rows * kGalleryPerRow);
    for (std::size_t i = 0; i < m_gallery.size(); ++i) {
        const int r = static_cast<int>(i) / kGalleryPerRow, c = static_cast<int>(i) % kGalleryPerRow;
        tiles.col(2 * r * kGalleryPerRow + c) = m_set.data.samples.col(m_gallery[i]);
        tiles.col((2 * r + 1) * kGalleryPerRow + c) = m_set.fixed_points.col(m_gallery[i]);
    }
    TileLayout l;
    l.tile_width = m_set.data.width;
    l.tile_height = m_set.data.height;
    l.columns = kGalleryPerRow;
    m_gallery_view->setImage(tiles_image(tiles, l, TileScaling::Fixed01));
}

void DynamicsPanel::onGalleryClick(QPoint p) {
    const int tw = m_set.data.width + 1, th = m_set.data.height + 1;
    const int c = (p.x() - 1) / tw, r = (p.y() - 1) / th;
    const std::size_t i = static_cast<std::size_t>((r / 2) * kGalleryPerRow + c);
    if (c < 0 || c >= kGalleryPerRow || i >= m_gallery.size()) return;
    m_index->setValue(static_cast<int>(m_gallery[i]));
    iterateSample(m_gallery[i]);
}

bool DynamicsPanel::exportFrames(const QString& folder, QString* error) const {
    if (!QDir().mkpath(folder)) {
        if (error) *error = folder + tr(": cannot create");
        return false;
    }
    const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(m_trajectory.frames.rows()))));
    TileLayout l;
    l.columns = 1;
    l.gap = 0;
    l.tile_width = l.tile_height = side;
    for (Index f = 0; f < m_trajectory.frames.cols(); ++f) {
        const QString file = QStringLiteral("%1/frame-%2.png").arg(folder).arg(f, 4, 10, QLatin1Char('0'));
        if (!tiles_image(m_trajectory.frames.col(f), l, TileScaling::Fixed01).scaled(side * 8, side * 8).save(file)) {
            if (error) *error = file + tr(": cannot write");
            return false;
        }
    }
    return true;
}

bool DynamicsPanel::exportCurves(const QString& path, QString* error) const {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error) *error = f.errorString();
        return false;
    }
    QTextStream out(&f);
    out << "step,step_length,distance_to_final,predicted,confidence\n";
    for (std::size_t i = 0; i < m_trajectory.distance.size(); ++i) {
        out << i << ',' << (i > 0 ? QString::number(m_trajectory.step_length[i - 1], 'g', 9) : QString()) << ','
            << m_trajectory.distance[i] << ',';
        if (i < m_trajectory.predicted.size()) out << m_trajectory.predicted[i] << ',' << m_trajectory.confidence[i];
        else out << ',';
        out << '\n';
    }
    return true;
}

}  // namespace dae::ui
