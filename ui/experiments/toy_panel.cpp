#include "experiments/toy_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dae::ui {

namespace {

// What a slice of the playground's training gives the window: the model, its field and basins.
struct ToyFrame {
    Autoencoder model;
    std::vector<FieldArrow> arrows;
    Basins basins;
    int epoch = 0;
    bool diverged = false;
};

constexpr int kArrowGrid = 21;
constexpr int kBasinCells = 48;
constexpr int kSliceMs = 60;            // training between two frames
constexpr double kMixtureSpread = 0.1;  // each Gaussian's sd in the raw units (0.04 on the plane)

QDoubleSpinBox* number(QWidget* parent, double max, double step, double value, int decimals, const QString& tip) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(0, max);
    s->setSingleStep(step);
    s->setDecimals(decimals);
    s->setValue(value);
    s->setToolTip(tip);
    return s;
}
}  // namespace

// The trainer lives in the worker's jobs only: the GUI sends it commands as jobs.
struct ToyPanel::Session {
    std::unique_ptr<Trainer> trainer;
};

ToyPanel::ToyPanel(QWidget* parent) : QWidget(parent), m_session(std::make_shared<Session>()) {
    m_density = new QComboBox(this);
    for (Toy2D k : kToy2DKinds)
        m_density->addItem(QString::fromLatin1(toy_2d_name(k)), int(k));
    m_density->setToolTip(tr("The points the DAE learns: six Gaussians (their score is known: the true arrows), or "
                             "points near a 1-D manifold (Goodfellow et al. §14.5, Fig. 14.5)"));
    m_points = new QSpinBox(this);
    m_points->setRange(20, 20000);
    m_points->setValue(600);
    m_points->setToolTip(tr("How many points are drawn from the density"));
    m_hidden = new QSpinBox(this);
    m_hidden->setRange(2, 1000);
    m_hidden->setValue(64);
    m_hidden->setToolTip(tr("n: hidden units of the DAE 2-n-2 (tanh, linear output)"));
    m_sigma = number(this, 0.5, 0.01, 0.05, 3,
                     tr("σ: Gaussian corruption of the training points. r(x) − x then points back to the data "
                        "(Goodfellow et al. §14.5.1); changed while it trains, from the next minibatch"));
    m_contraction =
        number(this, 10, 0.01, 0, 3, tr("λ of the contractive penalty λ‖∂h/∂x‖²_F (Rifai et al. 2011), live"));
    m_sparsity = number(this, 10, 0.001, 0, 4, tr("λ of the sparsity penalty λ‖h‖₁ (Goodfellow et al. §14.2.1), live"));
    m_show_true = new QCheckBox(tr("True arrows σ²∇log p_σ"), this);
    m_show_true->setChecked(true);
    m_show_true->setToolTip(tr("What the best DAE learns: r*(x) − x = σ²∇log p_σ(x), p_σ the density blurred by "
                               "the noise (Tweedie's formula; Alain & Bengio 2014). Known for the mixture only."));
    m_click = new QComboBox(this);
    m_click->addItems({tr("iterates from there"), tr("adds a point"), tr("removes points")});
    m_click->setToolTip(tr("What a click on the plane does"));
    m_run = new QPushButton(tr("Run"), this);
    m_reset = new QPushButton(tr("Reset"), this);
    m_reset->setToolTip(tr("The model from its initial weights, on the same points"));
    auto* clear = new QPushButton(tr("Clear paths"), this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_agreement = new QLabel(this);
    m_agreement->setWordWrap(true);

    auto* box = new QGroupBox(tr("Playground"), this);
    auto* form = new QFormLayout(box);
    form->addRow(tr("Density"), m_density);
    form->addRow(tr("Points"), m_points);
    form->addRow(tr("Hidden units"), m_hidden);
    form->addRow(tr("Noise σ"), m_sigma);
    form->addRow(tr("Contraction λ"), m_contraction);
    form->addRow(tr("Sparsity λ"), m_sparsity);
    form->addRow(m_show_true);
    form->addRow(tr("A click"), m_click);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_reset);
    buttons->addWidget(clear);
    form->addRow(buttons);
    form->addRow(m_status);
    form->addRow(m_agreement);
    box->setMaximumWidth(340);
    m_view = new VectorFieldView(this);
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    left->addWidget(box);
    left->addStretch(1);
    layout->addLayout(left);
    layout->addWidget(m_view, 1);

    wire(clear);
}

void ToyPanel::wire(QPushButton* clear) {
    connect(m_run, &QPushButton::clicked, this, [this] { m_running ? pause() : train(); });
    connect(m_reset, &QPushButton::clicked, this, &ToyPanel::restart);
    connect(clear, &QPushButton::clicked, m_view, &VectorFieldView::clearTrajectories);
    connect(m_density, &QComboBox::currentIndexChanged, this, &ToyPanel::regenerate);
    connect(m_points, &QSpinBox::editingFinished, this, &ToyPanel::regenerate);
    connect(m_hidden, &QSpinBox::editingFinished, this, &ToyPanel::restart);
    for (QDoubleSpinBox* s : {m_sigma, m_contraction, m_sparsity})
        connect(s, &QDoubleSpinBox::valueChanged, this, &ToyPanel::applyLive);
    connect(m_show_true, &QCheckBox::toggled, this, [this] {
        if (m_model.visible() == 2) showFrame(m_model, m_view->arrows(), m_view->basins(), -1);
    });
    connect(m_click, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_view->setClickMode(static_cast<VectorFieldView::ClickMode>(i)); });
    connect(m_view, &VectorFieldView::pointAdded, this, [this](const Vector& x) {
        Dataset d = m_data;
        d.samples.conservativeResize(2, d.size() + 1);
        d.samples.col(d.size() - 1) = x;
        d.labels.push_back(0);
        m_data = d;
        restart();
    });
    connect(m_view, &VectorFieldView::pointsRemoved, this, [this](const Vector& c, double radius) {
        std::vector<Index> keep;
        for (Index k = 0; k < m_data.size(); ++k)
            if ((m_data.samples.col(k) - c).norm() > radius) keep.push_back(k);
        if (static_cast<Index>(keep.size()) == m_data.size() || keep.size() < 2) return;
        m_data = m_data.subset(keep);
        restart();
    });
    regenerate();
}

ToyPanel::~ToyPanel() = default;

TrainingConfig ToyPanel::config() const {
    // tanh units and a linear output fit the plane's geometry far better than sigmoids here.
    TrainingConfig c;
    c.model.visible = 2;
    c.model.hidden = m_hidden->value();
    c.model.encoder = Activation::Tanh;
    c.model.decoder = Activation::Linear;
    c.corruption = {CorruptionType::Gaussian, m_sigma->value()};
    c.regularization.contraction = m_contraction->value();
    c.regularization.sparsity = m_sparsity->value();
    c.loss = Loss::SquaredError;
    // Measured: the mixture's six basins form within ~20 s (b = 20: slower and noisier); fewer points
    // than that are one minibatch.
    c.batch = std::min(100, m_points->value());
    c.learning_rate = 0.05;
    c.momentum = 0.9;
    c.annealing = 1;     // it trains as long as it runs: no schedule
    c.epochs = 1000000;  // (so it never finishes by itself)
    c.order = MinibatchOrder::Reshuffle;
    return c;
}

std::optional<GaussianMixture2D> ToyPanel::density() const {
    return toy_2d_density(Toy2D(m_density->currentData().toInt()), kMixtureSpread);
}

void ToyPanel::regenerate() {
    const Toy2D kind = Toy2D(m_density->currentData().toInt());
    m_data = make_toy_2d(kind, m_points->value(), kind == Toy2D::Mixture ? kMixtureSpread : 0.03, 1);
    m_show_true->setEnabled(density().has_value());
    restart();
}

void ToyPanel::restart() {
    const bool was_running = m_running;
    m_worker.cancel();
    m_running = false;
    m_frames = 0;
    m_model = Autoencoder();
    m_view->clearTrajectories();
    m_view->setFrame(Autoencoder(), m_data, {}, {});
    m_view->setTrueArrows({});
    m_agreement->clear();
    m_status->setText(tr("%1 points. Run trains a 2-%2-2 DAE on them; the field redraws as it learns.")
                          .arg(m_data.size())
                          .arg(m_hidden->value()));
    m_worker.run(
        [s = m_session, c = config(), data = m_data.samples](const JobContext&) {
            s->trainer.reset();  // a refused configuration leaves no older model training on
            s->trainer = std::make_unique<Trainer>(c, data);
        },
        [] {},
        [this](const QString& why) {
            pause();
            emit message(tr("The playground cannot train: %1").arg(why));
        });
    m_run->setText(tr("Run"));
    if (was_running) train();
}

void ToyPanel::applyLive() {
    const Corruption noise{CorruptionType::Gaussian, m_sigma->value()};
    Regularization reg;
    reg.contraction = m_contraction->value();
    reg.sparsity = m_sparsity->value();
    m_worker.run(
        [s = m_session, noise, reg](const JobContext&) {
            if (!s->trainer) return;
            s->trainer->set_corruption(noise);
            s->trainer->set_regularization(reg);
        },
        [] {}, [this](const QString& why) { emit message(why); });
    if (m_model.visible() == 2) showFrame(m_model, m_view->arrows(), m_view->basins(), -1);  // the true arrows
}

void ToyPanel::train() {
    if (m_running) return;
    m_running = true;
    m_run->setText(tr("Pause"));
    postSlice();
}

void ToyPanel::pause() {
    m_running = false;
    m_run->setText(tr("Run"));
}

void ToyPanel::postSlice() {
    // A slice of training, then a frame; the next slice is queued behind any command posted meanwhile.
    m_worker.run(
        [s = m_session](const JobContext& ctx) -> std::optional<ToyFrame> {
            if (!s->trainer) return std::nullopt;
            QElapsedTimer clock;
            clock.start();
            while (clock.elapsed() < kSliceMs && !ctx.cancelled()) {
                s->trainer->step();
                if (s->trainer->status() == TrainStatus::Diverged) break;
            }
            if (ctx.cancelled()) return std::nullopt;
            const Autoencoder& m = s->trainer->model();
            return ToyFrame{m, field_arrows(m, kArrowGrid), compute_basins(m, kBasinCells), s->trainer->epoch(),
                            s->trainer->status() == TrainStatus::Diverged || !m.all_finite()};
        },
        [this](ToyFrame f) {
            showFrame(f.model, std::move(f.arrows), std::move(f.basins), f.epoch);
            if (f.diverged) {
                pause();
                emit message(tr("The playground's DAE diverged; lower the penalties or Reset"));
            }
            if (m_running) postSlice();
        },
        [this](const QString& why) {
            pause();
            emit message(tr("The playground stopped: %1").arg(why));
        });
}

void ToyPanel::showFrame(const Autoencoder& model, std::vector<FieldArrow> arrows, Basins basins, int epoch) {
    m_model = model;
    const auto p = density();
    const double sigma = m_sigma->value();
    std::vector<FieldArrow> truth;
    if (p && m_show_true->isChecked())
        for (const FieldArrow& a : arrows)
            truth.push_back({a.base, true_score_arrow(*p, a.base, sigma)});
    m_view->setFrame(model, m_data, std::move(arrows), std::move(basins));
    m_view->setTrueArrows(std::move(truth));
    if (epoch >= 0) {
        ++m_frames;
        const double scale = m_view->arrowScale();
        m_status->setText(tr("Epoch %1. Blue: r(x) − x%2; colours: the basins of its %3 attractors (red dots).")
                              .arg(epoch)
                              .arg(scale < 1 ? tr(" (drawn ×%1)").arg(scale, 0, 'g', 2) : QString())
                              .arg(m_view->basins().attractors.size()));
        emit toyTrained();
    }
    if (p) {
        const FieldAgreement a =
            field_agreement(model, m_data.samples, [&](const Vector& x) { return true_score_arrow(*p, x, sigma); });
        m_agreement->setText(tr("On the points, learned against true (orange): %1° apart on average, error %2 %.")
                                 .arg(a.mean_angle, 0, 'f', 1)
                                 .arg(100 * a.relative_error, 0, 'f', 0));
    } else {
        m_agreement->setText(tr("The true score of this density is not known in closed form."));
    }
}

QString ToyPanel::agreementText() const { return m_agreement->text(); }

}  // namespace dae::ui
