#include "training/settings_panel.h"

#include "dae/training_options.h"
#include "training/settings_model.h"
#include "widgets/number_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace dae::ui {

namespace {

// Each setting's symbol and where it comes from, for its tooltip.
QString tip(const std::string& key) {
    static const std::map<std::string, const char*> tips{
        {"hidden", "n: hidden units; 500 in Bahdanau & Jaeger 2014 §5.2, up to 2000 in Vincent et al. 2008"},
        {"tied", "W₂ = W₁ᵀ (Vincent et al. 2008 §2.2); Bahdanau & Jaeger untie them (§5.2)"},
        {"encoder", "f in h = f(W₁x̃ + b₁) (Bahdanau & Jaeger eq. 1): sigmoid in both papers"},
        {"decoder", "g in r(x) = g(W₂h + b₂) (eq. 2): sigmoid in both papers"},
        {"init", "Glorot & Bengio 2010 uniform; ×4 for sigmoid units as in the Theano tutorial"},
        {"corruption", "q(x̃|x): masking ν (Vincent et al. §2.3), Gaussian σ (Bahdanau & Jaeger §5.2), salt-and-pepper"},
        {"level", "ν (fraction of components) or σ (Gaussian standard deviation) of the TRAINING noise; "
                  "σ = 0.3, 0.5, 0.7 in Bahdanau & Jaeger, ν = 0.25 in Vincent et al."},
        {"loss", "Err: squared error Σ(x − o)² (Bahdanau & Jaeger) or cross-entropy (Vincent et al. §2.2)"},
        {"walkback",
         "k: walkback steps, L = (1/k) Σ Err(x, rⁱ(x̃)) (Bahdanau & Jaeger eq. 8); k = 1 is an ordinary DAE"},
        {"sparsity", "λ of the sparsity penalty λ‖h‖₁ (Goodfellow et al. §14.2.1)"},
        {"contraction", "λ of the contractive penalty λ‖∂h/∂x‖²_F (Rifai et al. 2011; Goodfellow et al. §14.7)"},
        {"weight-decay", "λ of the weight decay (λ/2)‖W‖²"},
        {"batch", "b: minibatch size; 20 in Bahdanau & Jaeger §5.3"},
        {"learning-rate", "ρ: learning rate; 0.1 in Bahdanau & Jaeger §5.3 (scientific notation accepted: 1e-2)"},
        {"annealing", "α: ρ ← αρ after every epoch; 0.99 or 0.999 in Bahdanau & Jaeger §5.3"},
        {"momentum", "μ: momentum (0 = plain SGD, as in both papers)"},
        {"epochs", "N: epochs; 100 … 500 in Bahdanau & Jaeger §5.3"},
        {"seed", "initialisation, shuffling and corruption all derive from it: the same seed gives the same run"}};
    const auto it = tips.find(key);
    return it == tips.end() ? QString() : QString::fromUtf8(it->second);
}

template <class Enum, class NameFn>
QComboBox* choices(QWidget* parent, std::initializer_list<Enum> values, NameFn name) {
    auto* c = new QComboBox(parent);
    for (Enum v : values)
        c->addItem(QString::fromLatin1(name(v)), QString::fromLatin1(name(v)));
    return c;
}

}  // namespace

SettingsPanel::SettingsPanel(SettingsModel* model, QWidget* parent) : QWidget(parent), m_model(model) {
    const auto acts = {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear};
    m_preset = new QComboBox(this);
    m_preset->addItems({tr("Choose a recipe…"), tr("Bahdanau & Jaeger 2014 (untied, σ = 0.5, MSE, k = 3)"),
                        tr("Vincent et al. 2008 (tied, masking ν = 0.25, CE)")});
    m_tied = new QCheckBox(tr("tied (W₂ = W₁ᵀ)"), this);
    m_tied->setToolTip(tip("tied"));
    m_choices["encoder"] = choices(this, acts, activation_name);
    m_choices["decoder"] = choices(this, acts, activation_name);
    m_choices["init"] = choices(this, {InitScheme::GlorotUniform, InitScheme::GlorotUniformSigmoid}, init_scheme_name);
    m_choices["loss"] = choices(this, {Loss::SquaredError, Loss::CrossEntropy}, loss_name);
    m_choices["corruption"] = choices(
        this, {CorruptionType::Gaussian, CorruptionType::Masking, CorruptionType::SaltPepper, CorruptionType::None},
        corruption_name);
    auto number = [this](const char* key, bool integer, double step) {
        auto* f = new NumberField(this, integer, step);
        f->setToolTip(tip(key));
        m_numbers[key] = f;
        return f;
    };
    number("hidden", true, 50);
    number("level", false, 0.05);
    number("walkback", true, 1);
    number("batch", true, 10);
    number("learning-rate", false, 0.01);
    number("annealing", false, 0.001);
    number("momentum", false, 0.1);
    number("epochs", true, 10);
    number("seed", true, 1);
    number("sparsity", false, 0.001);
    number("contraction", false, 0.01);
    number("weight-decay", false, 0.0001);
    for (auto& [key, c] : m_choices)
        c->setToolTip(tip(key));
    // A combo box is as wide as a short name, not as its longest entry (the recipes' full names
    // show in the list): the panel fits its dock without a horizontal scroll bar.
    for (QComboBox* c : findChildren<QComboBox*>()) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(9);
    }
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));

    m_preset->setToolTip(tr("Sets every field to a paper's set-up: Bahdanau & Jaeger 2014 §5.2–5.3 or Vincent et al. "
                            "2008 §2.3 and Fig. 3"));
    m_focus_order.push_back(m_preset);
    auto row = [this](QFormLayout* f, const char* key) {
        QWidget* w = m_numbers.count(key) ? static_cast<QWidget*>(m_numbers.at(key)) : m_choices.at(key);
        f->addRow(option_label(key), w);
        m_focus_order.push_back(w);
    };
    auto* modelbox = new QGroupBox(tr("Model  r(x) = g(W₂ f(W₁x + b₁) + b₂)"), this);
    auto* mf = new QFormLayout(modelbox);
    row(mf, "hidden");
    mf->addRow(QString(), m_tied);
    m_focus_order.push_back(m_tied);
    row(mf, "encoder");
    row(mf, "decoder");
    row(mf, "init");
    auto* noise = new QGroupBox(tr("Corruption and loss"), this);
    auto* nf = new QFormLayout(noise);
    row(nf, "corruption");
    row(nf, "level");
    row(nf, "loss");
    row(nf, "walkback");
    auto* sgd = new QGroupBox(tr("SGD"), this);
    auto* sf = new QFormLayout(sgd);
    for (const char* k : {"batch", "learning-rate", "annealing", "momentum", "epochs", "seed"})
        row(sf, k);
    auto* reg = new QGroupBox(tr("Regularisers"), this);
    auto* rf = new QFormLayout(reg);
    for (const char* k : {"sparsity", "contraction", "weight-decay"})
        row(rf, k);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_preset);
    layout->addWidget(m_problem);
    layout->addWidget(modelbox);
    layout->addWidget(noise);
    layout->addWidget(sgd);
    layout->addWidget(reg);
    layout->addStretch(1);
    // Tab moves through the fields as they stand on screen, top to bottom (not in creation order).
    for (std::size_t i = 1; i < m_focus_order.size(); ++i)
        setTabOrder(m_focus_order[i - 1], m_focus_order[i]);

    for (auto& [key, f] : m_numbers)
        connect(f, &NumberField::edited, this, [this, key = key, f = f] {
            if (!m_updating) m_model->setOption(key, f->text());
        });
    for (auto& [key, c] : m_choices)
        connect(c, &QComboBox::activated, this, [this, key = key, c = c] {
            if (!m_updating) m_model->setOption(key, c->currentData().toString());
        });
    connect(m_tied, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_updating) m_model->setOption("tied", on ? QStringLiteral("true") : QStringLiteral("false"));
    });
    connect(m_preset, &QComboBox::activated, this, [this](int i) {
        if (i == 1) m_model->setConfig(TrainingConfig::bahdanau2014());
        if (i == 2) m_model->setConfig(TrainingConfig::vincent2008());
        m_preset->setCurrentIndex(0);
    });
    connect(m_model, &SettingsModel::changed, this, &SettingsPanel::refresh);
    refresh({});
}

NumberField* SettingsPanel::field(const std::string& key) const {
    const auto it = m_numbers.find(key);
    return it == m_numbers.end() ? nullptr : it->second;
}

QComboBox* SettingsPanel::choice(const std::string& key) const {
    const auto it = m_choices.find(key);
    return it == m_choices.end() ? nullptr : it->second;
}

QString SettingsPanel::problemText() const { return m_problem->text(); }

void SettingsPanel::focusFirstField() { m_focus_order.front()->setFocus(Qt::ShortcutFocusReason); }

void SettingsPanel::refresh(const QString& changed_key) {
    m_updating = true;
    for (auto& [key, f] : m_numbers) {
        // The field being typed in keeps its text; the others show the model's value.
        if (QString::fromStdString(key) != changed_key || !f->hasFocus()) {
            const QString t = m_model->text(key);
            if (f->text() != t) f->setText(t);
        }
        f->setProblem(m_model->problem(key));
    }
    for (auto& [key, c] : m_choices)
        c->setCurrentIndex(std::max(0, c->findData(m_model->text(key))));
    m_tied->setChecked(m_model->config().model.tied);
    m_numbers.at("level")->setEnabled(m_model->config().corruption.type != CorruptionType::None);
    m_updating = false;
    const QString p = m_model->firstProblem();
    m_problem->setText(p.isEmpty() ? QString() : tr("Cannot train: %1").arg(p));
}

}  // namespace dae::ui
