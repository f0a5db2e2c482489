#include "dynamics/chain_panel.h"

#include "dae/model_io.h"
#include "dae/rng.h"
#include "render/tile_image.h"
#include "widgets/image_view.h"
#include "widgets/message_bar.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <chrono>
#include <thread>

namespace dae::ui {

namespace {
constexpr int kSlice = 5;   // chain steps per job: the level is read between slices
constexpr int kStrip = 16;  // frames in the animated strip
constexpr double kTicks = 1000;
}  // namespace

// One job per slice of steps, each queueing the next: the level is read at every slice, and a
// cancel ends the chain within one.
struct ChainPanel::State {
    std::array<Matrix, 2> x;
    std::array<Autoencoder, 2> model;
    std::array<bool, 2> present{};
    Judge judge;
    Corruption noise;
    std::uint64_t seed = 1;
    std::atomic<int> undelivered{0};  // slices computed but not yet shown by the window
};

ChainPanel::ChainPanel(QWidget* parent) : QWidget(parent) {
    m_start = new QComboBox(this);
    m_start->addItem(tr("a test digit"), 0);
    m_start->addItem(tr("pure noise"), 1);
    m_start->addItem(tr("the drawing (Dynamics tab)"), 2);
    m_start->setToolTip(tr("x⁰ of the chain x ← r(corrupt(x)) (Bengio et al. 2013, the MCMC sampler "
                           "Bahdanau & Jaeger §1 cite)"));
    m_index = new QSpinBox(this);
    m_index->setPrefix(tr("digit #"));
    m_index->setToolTip(tr("Which test digit the chain starts from"));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setToolTip(tr("The noise between steps: moves take effect at once, while the chain runs"));
    m_value = new QLabel(this);
    m_value->setMinimumWidth(80);
    m_run = new QPushButton(tr("Run chain"), this);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setEnabled(false);
    m_compare = new QPushButton(tr("Compare with a model…"), this);
    m_compare->setToolTip(tr("Run the same chain (same start, same noise) with a second model, e.g. an ordinary DAE "
                             "beside a walkback-trained one"));
    m_strip = new ImageView(this);
    m_strip->setMinimumZoom(1);  // 1:1 in a narrow tab, larger when there is room
    m_strip->setCaption(tr("the last %1 steps, newest on the right (a row per model)").arg(kStrip));
    m_stats = new QLabel(this);
    m_stats->setTextFormat(Qt::RichText);
    m_stats->setWordWrap(true);
    auto* controls = new QGridLayout;
    controls->addWidget(new QLabel(tr("Start from"), this), 0, 0);
    controls->addWidget(m_start, 0, 1);
    controls->addWidget(m_index, 0, 2);
    controls->addWidget(new QLabel(tr("Noise between steps"), this), 1, 0);
    controls->addWidget(m_slider, 1, 1);
    controls->addWidget(m_value, 1, 2);
    controls->setColumnStretch(1, 1);
    // The buttons in a row of their own, so that the tab fits a narrow window (in one row with the
    // start and the noise, the panel was wider than the tab beside the docks and its text was cut).
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_compare);
    buttons->addStretch(1);
    auto* intro = new QLabel(tr("<b>The DAE as a generative chain</b>: x ← r(corrupt(x)) (Bengio et al. 2013). Unlike "
                                "x ← r(x), which settles on a fixed point, the chain keeps moving and samples digits; "
                                "the judge reads each step."),
                             this);
    intro->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    m_note = new NoteLabel(this);
    layout->addWidget(m_note);
    layout->addLayout(controls);
    layout->addLayout(buttons);
    layout->addWidget(m_strip, 1);
    layout->addWidget(m_stats);
    connect(m_run, &QPushButton::clicked, this, &ChainPanel::start);
    connect(m_stop, &QPushButton::clicked, this, &ChainPanel::stop);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) { setLevel(v / kTicks); });
    connect(m_compare, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("A model to compare"), QString(), tr("Models (*.dae *.npz)"));
        QString error;
        if (!path.isEmpty() && !setComparison(path, &error)) emit message(error);
    });
    connect(&m_worker, &WorkerThread::idle, this, [this] {
        m_run->setEnabled(true);
        m_stop->setEnabled(false);
    });
    m_side[0].name = tr("this model");
    setModel(Autoencoder(), {CorruptionType::Gaussian, 0.5});
}

ChainPanel::~ChainPanel() = default;

void ChainPanel::setData(SharedPartition data) {
    stop();
    m_data = std::move(data);
    m_index->setRange(0, static_cast<int>(std::max<Index>(0, m_data->test.size() - 1)));
}

void ChainPanel::setModel(const Autoencoder& model, const Corruption& training_noise) {
    m_side[0].model = model;
    m_side[0].present = model.visible() > 0;
    // The first model sets the slider's range and value whatever the noise (the member's default was
    // once taken for "already set", which left a 0 … 0.099 slider under a "σ = 0.500" label).
    if (!m_noise_known || !(training_noise == m_noise)) {
        m_noise_known = true;
        m_noise = training_noise;
        const QSignalBlocker b(m_slider);
        m_slider->setRange(0, static_cast<int>(max_level(m_noise.type) * kTicks));
        m_slider->setValue(static_cast<int>(m_noise.level * kTicks));
        m_level = m_noise.level;
    }
    m_value->setText(
        QStringLiteral("%1 = %2").arg(QString::fromUtf8(level_symbol(m_noise.type))).arg(m_level.load(), 0, 'f', 3));
}

bool ChainPanel::setComparison(const QString& path, QString* error) {
    try {
        Autoencoder m = path.endsWith(QLatin1String(".npz"), Qt::CaseInsensitive)
                            ? import_npz(path.toStdString())
                            : load_model(path.toStdString()).model;
        if (m_side[0].present && m.visible() != m_side[0].model.visible())
            throw std::runtime_error(path.toStdString() + ": the model takes " + std::to_string(m.visible()) +
                                     " values per sample, not " + std::to_string(m_side[0].model.visible()));
        m_side[1].model = std::move(m);
        m_side[1].present = true;
        m_side[1].name = QFileInfo(path).fileName();
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

void ChainPanel::setLevel(double level) {
    m_level = std::clamp(level, 0.0, max_level(m_noise.type));
    m_value->setText(
        QStringLiteral("%1 = %2").arg(QString::fromUtf8(level_symbol(m_noise.type))).arg(m_level.load(), 0, 'f', 3));
    if (static_cast<int>(m_level * kTicks) != m_slider->value()) {
        const QSignalBlocker b(m_slider);
        m_slider->setValue(static_cast<int>(m_level * kTicks));
    }
}

void ChainPanel::stop() { m_worker.cancel(); }

void ChainPanel::startFrom(int test_digit) {
    m_start->setCurrentIndex(0);
    m_index->setValue(test_digit);
    start();
}

void ChainPanel::start() {
    Q_ASSERT(QThread::currentThread() == thread());
    if (!m_side[0].present || m_data->test.size() == 0) {
        emit message(tr("The chain needs a model (train one, or open one) and data"));
        return;
    }
    m_worker.cancel();
    Matrix from(m_side[0].model.visible(), 1);
    const int kind = m_start->currentData().toInt();
    if (kind == 0) from.col(0) = m_data->test.samples.col(std::min<Index>(m_index->value(), m_data->test.size() - 1));
    if (kind == 1) {
        Rng rng(static_cast<std::uint64_t>(m_index->value()) + 1);
        for (Index k = 0; k < from.rows(); ++k)
            from(k, 0) = rng.uniform();
    }
    if (kind == 2) {
        const Vector d = m_drawing ? m_drawing() : Vector();
        if (d.size() != from.rows() || d.maxCoeff() <= 0) {
            emit message(tr("Draw a digit in the Dynamics tab first"));
            return;
        }
        from.col(0) = d;
    }
    m_steps = 0;
    for (Side& s : m_side) {
        s.history = ChainResult();
        s.stats = ChainStats();
        s.strip.clear();
    }
    m_run->setEnabled(false);
    m_stop->setEnabled(true);
    auto state = std::make_shared<State>();
    for (std::size_t i = 0; i < 2; ++i) {
        state->x[i] = from;
        state->model[i] = m_side[i].model;
        state->present[i] = m_side[i].present;
    }
    state->judge = m_judge;
    state->noise = m_noise;
    m_worker.post([this, state](const JobContext& ctx) { slice(state, ctx); });
}

void ChainPanel::slice(const std::shared_ptr<State>& state, const JobContext& ctx) {
    // Back-pressure: a slice waits until the window has shown the one before. Without it the
    // worker ran ahead of the window without bound (a test counted 445 slices computed, 91 shown),
    // the queued slices piled up, and a moved noise level showed only once they had drained.
    while (state->undelivered.load() > 0 && !ctx.cancelled())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (ctx.cancelled()) return;
    std::array<ChainResult, 2> part;
    for (std::size_t i = 0; i < 2; ++i) {
        if (!state->present[i]) continue;
        ChainConfig c;
        c.noise = {state->noise.type, m_level.load()};
        c.steps = kSlice;
        c.keep_every = 1;
        c.seed = state->seed;  // both models get the same noise
        part[i] = run_chain(state->model[i], state->x[i], state->judge, c, ctx.observer());
        state->x[i] = part[i].last;
    }
    ++state->seed;
    if (ctx.cancelled()) return;
    ++state->undelivered;
    ctx.deliver([this, state, part = std::move(part)] {
        --state->undelivered;
        for (std::size_t i = 0; i < 2; ++i) {
            Side& s = m_side[i];
            const ChainResult& p = part[i];
            if (!s.present || p.frames.empty()) continue;
            if (s.history.classes.empty()) {
                s.history.classes.resize(1);
                s.history.confidence.resize(1);
            }
            if (!p.classes.empty()) {
                s.history.classes[0].insert(s.history.classes[0].end(), p.classes[0].begin(), p.classes[0].end());
                s.history.confidence[0].insert(s.history.confidence[0].end(), p.confidence[0].begin(),
                                               p.confidence[0].end());
            }
            for (const Matrix& f : p.frames)
                s.strip.push_back(f);
            while (s.strip.size() > static_cast<std::size_t>(kStrip))
                s.strip.erase(s.strip.begin());
            s.stats = chain_stats(s.history, std::max(2, m_data->train.num_classes));
        }
        m_steps += kSlice;
        redraw();
        emit progressed();
    });
    ctx.then([this, state](const JobContext& next) { slice(state, next); });
}

QString ChainPanel::statsText(int model) const {
    const Side& s = m_side[static_cast<std::size_t>(model)];
    if (!s.present || s.history.classes.empty() || s.history.classes[0].empty()) return {};
    const int now = s.history.classes[0].back();
    QString visits;
    for (std::size_t c = 0; c < s.stats.class_share.size(); ++c)
        if (s.stats.class_share[c] > 0)
            visits += QStringLiteral("%1: %2 %  ").arg(c).arg(100 * s.stats.class_share[c], 0, 'f', 0);
    return tr("<b>%1</b>: now a %2 (judge %3 %); mean confidence %4; stays %5 steps in a class on average; "
              "%6 classes visited; visits: %7")
        .arg(s.name)
        .arg(now)
        .arg(100.0 * s.history.confidence[0].back(), 0, 'f', 0)
        .arg(s.stats.mean_confidence, 0, 'f', 2)
        .arg(s.stats.mean_dwell, 0, 'f', 1)
        .arg(s.stats.classes_visited)
        .arg(visits);
}

QImage ChainPanel::stripImage() const { return m_strip->image(); }

void ChainPanel::redraw() {
    const int rows = m_side[1].present ? 2 : 1;
    const Index d = m_side[0].model.visible();
    Matrix tiles = Matrix::Zero(d, rows * kStrip);
    for (int r = 0; r < rows; ++r) {
        const auto& strip = m_side[static_cast<std::size_t>(r)].strip;
        const int offset = kStrip - static_cast<int>(strip.size());
        for (std::size_t k = 0; k < strip.size(); ++k)
            tiles.col(r * kStrip + offset + static_cast<int>(k)) = strip[k].col(0);
    }
    TileLayout l;
    l.tile_width = m_data->test.width > 0 ? m_data->test.width : 28;
    l.tile_height = m_data->test.height > 0 ? m_data->test.height : 28;
    l.columns = kStrip;
    m_strip->setImage(tiles_image(tiles, l, TileScaling::Fixed01));
    QString text = tr("step %1<br>").arg(m_steps) + statsText(0);
    if (m_side[1].present) text += QStringLiteral("<br>") + statsText(1);
    m_stats->setText(text);
}

void ChainPanel::setModelNote(const QString& note) { m_note->setNote(note); }

QString ChainPanel::modelNote() const { return m_note->note(); }

}  // namespace dae::ui
