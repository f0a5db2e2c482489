#include "settings_panel.h"

#include "dae/training_options.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dae::ui {

namespace {

QDoubleSpinBox* number(QWidget* parent, double lo, double hi, int decimals, double step) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    return s;
}

QSpinBox* integer(QWidget* parent, int lo, int hi) {
    auto* s = new QSpinBox(parent);
    s->setRange(lo, hi);
    return s;
}

template <class Enum, class NameFn>
QComboBox* choices(QWidget* parent, std::initializer_list<Enum> values, NameFn name) {
    auto* c = new QComboBox(parent);
    for (Enum v : values) c->addItem(QString::fromLatin1(name(v)), int(v));
    return c;
}

void select(QComboBox* c, int value) { c->setCurrentIndex(std::max(0, c->findData(value))); }

}  // namespace

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent) {
    const auto acts = {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear};
    m_preset = new QComboBox(this);
    m_preset->addItems({tr("Choose a recipe…"), tr("Bahdanau & Jaeger 2014 (untied, σ = 0.5, MSE, k = 3)"),
                        tr("Vincent et al. 2008 (tied, masking ν = 0.25, CE)")});
    m_hidden = integer(this, 1, 5000);
    m_hidden->setToolTip(tr("Hidden units n (8 … 2000 are typical)"));
    m_tied = new QCheckBox(tr("tied (W₂ = W₁ᵀ)"), this);
    m_encoder = choices(this, acts, activation_name);
    m_decoder = choices(this, acts, activation_name);
    m_init = choices(this, {InitScheme::GlorotUniform, InitScheme::GlorotUniformSigmoid}, init_scheme_name);
    m_loss = choices(this, {Loss::SquaredError, Loss::CrossEntropy}, loss_name);
    m_corruption = choices(this, {CorruptionType::Gaussian, CorruptionType::Masking, CorruptionType::SaltPepper, CorruptionType::None},
                           corruption_name);
    m_level = number(this, 0, 100, 3, 0.05);
    m_lr = number(this, 0, 1000, 4, 0.01);
    m_annealing = number(this, 0, 1, 4, 0.001);
    m_momentum = number(this, 0, 0.999, 3, 0.1);
    m_batch = integer(this, 1, 100000);
    m_walkback = integer(this, 1, 100);
    m_epochs = integer(this, 1, 1000000);
    m_seed = integer(this, 0, 1 << 30);
    m_sparsity = number(this, 0, 1e6, 4, 0.001);
    m_contraction = number(this, 0, 1e6, 4, 0.01);
    m_decay = number(this, 0, 1e6, 5, 0.0001);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));

    auto* model = new QGroupBox(tr("Model  r(x) = g(W₂ f(W₁x + b₁) + b₂)"), this);
    auto* mf = new QFormLayout(model);
    mf->addRow(tr("Hidden units"), m_hidden);
    mf->addRow(QString(), m_tied);
    mf->addRow(tr("Encoder f"), m_encoder);
    mf->addRow(tr("Decoder g"), m_decoder);
    mf->addRow(tr("Initialisation"), m_init);
    auto* noise = new QGroupBox(tr("Corruption and loss"), this);
    auto* nf = new QFormLayout(noise);
    nf->addRow(tr("Corruption"), m_corruption);
    nf->addRow(tr("Level (ν or σ)"), m_level);
    nf->addRow(tr("Loss"), m_loss);
    nf->addRow(tr("Walkback steps k"), m_walkback);
    auto* sgd = new QGroupBox(tr("SGD"), this);
    auto* sf = new QFormLayout(sgd);
    sf->addRow(tr("Minibatch b"), m_batch);
    sf->addRow(tr("Learning rate ρ"), m_lr);
    sf->addRow(tr("Annealing α / epoch"), m_annealing);
    sf->addRow(tr("Momentum μ"), m_momentum);
    sf->addRow(tr("Epochs N"), m_epochs);
    sf->addRow(tr("Seed"), m_seed);
    auto* reg = new QGroupBox(tr("Regularisers"), this);
    auto* rf = new QFormLayout(reg);
    rf->addRow(tr("Sparsity λ‖h‖₁"), m_sparsity);
    rf->addRow(tr("Contractive λ‖J‖²"), m_contraction);
    rf->addRow(tr("Weight decay"), m_decay);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_preset);
    layout->addWidget(model);
    layout->addWidget(noise);
    layout->addWidget(sgd);
    layout->addWidget(reg);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    setConfig(TrainingConfig{});

    auto notify = [this] {
        if (m_loading) return;
        validate(m_train_size);
        emit changed();
    };
    for (QSpinBox* s : {m_hidden, m_batch, m_walkback, m_epochs, m_seed}) connect(s, &QSpinBox::valueChanged, this, notify);
    for (QDoubleSpinBox* s : {m_level, m_lr, m_annealing, m_momentum, m_sparsity, m_contraction, m_decay})
        connect(s, &QDoubleSpinBox::valueChanged, this, notify);
    for (QComboBox* c : {m_encoder, m_decoder, m_init, m_loss}) connect(c, &QComboBox::currentIndexChanged, this, notify);
    connect(m_corruption, &QComboBox::currentIndexChanged, this, [this, notify] {
        notify();
        if (!m_loading) emit corruptionTypeChanged(CorruptionType(m_corruption->currentData().toInt()));
    });
    connect(m_tied, &QCheckBox::toggled, this, notify);
    connect(m_preset, &QComboBox::activated, this, [this](int i) {
        if (i == 1) setConfig(TrainingConfig::bahdanau2014());
        if (i == 2) setConfig(TrainingConfig::vincent2008());
        m_preset->setCurrentIndex(0);
    });
}

TrainingConfig SettingsPanel::config() const {
    TrainingConfig c;
    c.model.hidden = m_hidden->value();
    c.model.tied = m_tied->isChecked();
    c.model.encoder = Activation(m_encoder->currentData().toInt());
    c.model.decoder = Activation(m_decoder->currentData().toInt());
    c.init = InitScheme(m_init->currentData().toInt());
    c.loss = Loss(m_loss->currentData().toInt());
    c.corruption = {CorruptionType(m_corruption->currentData().toInt()), m_level->value()};
    c.walkback = m_walkback->value();
    c.batch = m_batch->value();
    c.learning_rate = m_lr->value();
    c.annealing = m_annealing->value();
    c.momentum = m_momentum->value();
    c.epochs = m_epochs->value();
    c.seed = static_cast<std::uint64_t>(m_seed->value());
    c.regularization = {m_sparsity->value(), m_contraction->value(), m_decay->value()};
    return c;
}

void SettingsPanel::setConfig(const TrainingConfig& c) {
    m_loading = true;
    m_hidden->setValue(static_cast<int>(c.model.hidden));
    m_tied->setChecked(c.model.tied);
    select(m_encoder, int(c.model.encoder));
    select(m_decoder, int(c.model.decoder));
    select(m_init, int(c.init));
    select(m_loss, int(c.loss));
    select(m_corruption, int(c.corruption.type));
    m_level->setValue(c.corruption.level);
    m_walkback->setValue(c.walkback);
    m_batch->setValue(static_cast<int>(c.batch));
    m_lr->setValue(c.learning_rate);
    m_annealing->setValue(c.annealing);
    m_momentum->setValue(c.momentum);
    m_epochs->setValue(c.epochs);
    m_seed->setValue(static_cast<int>(c.seed));
    m_sparsity->setValue(c.regularization.sparsity);
    m_contraction->setValue(c.regularization.contraction);
    m_decay->setValue(c.regularization.weight_decay);
    m_loading = false;
    validate(m_train_size);
    emit corruptionTypeChanged(c.corruption.type);
    emit changed();
}

void SettingsPanel::setTrainSize(Index n) {
    m_train_size = n;
    validate(n);
}

bool SettingsPanel::validate(Index train_size, QString* why) {
    std::string reason;
    const bool ok = config().validate(&reason, train_size);
    m_problem->setText(ok ? QString() : tr("Cannot train: %1").arg(QString::fromStdString(reason)));
    if (why) *why = QString::fromStdString(reason);
    return ok;
}

void SettingsPanel::setNoiseLevel(double level) {
    const QSignalBlocker block(m_level);
    m_level->setValue(level);
}

void SettingsPanel::save(QSettings& settings) const {
    settings.beginGroup(QStringLiteral("training"));
    for (const auto& [key, value] : training_options(config()))
        settings.setValue(QString::fromStdString(key), QString::fromStdString(value));
    settings.endGroup();
}

void SettingsPanel::restore(QSettings& settings) {
    TrainingConfig c;
    settings.beginGroup(QStringLiteral("training"));
    for (const QString& key : settings.childKeys()) {
        std::string why;  // a stale or hand-edited entry is skipped, the rest still applies
        set_training_option(c, key.toStdString(), settings.value(key).toString().toStdString(), &why);
    }
    settings.endGroup();
    setConfig(c);
}

}  // namespace dae::ui
