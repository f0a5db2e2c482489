#include "experiments/toy_panel.h"

#include "dae/synthetic.h"
#include "widgets/vector_field_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dae::ui {

ToyPanel::ToyPanel(QWidget* parent) : QWidget(parent) {
    m_set = new QComboBox(this);
    for (Toy2D k : {Toy2D::Spiral, Toy2D::Circle, Toy2D::Moons})
        m_set->addItem(QString::fromLatin1(toy_2d_name(k)), int(k));
    m_set->setToolTip(tr("The 2-D data the toy DAE learns: points near a 1-D manifold (Goodfellow et al. §14.5, "
                         "Fig. 14.5)"));
    m_hidden = new QSpinBox(this);
    m_hidden->setRange(2, 1000);
    m_hidden->setValue(128);
    m_hidden->setToolTip(tr("n: hidden units of the toy DAE 2-n-2"));
    m_sigma = new QDoubleSpinBox(this);
    m_sigma->setRange(0, 1);
    m_sigma->setDecimals(3);
    m_sigma->setSingleStep(0.01);
    m_sigma->setValue(0.05);
    m_sigma->setToolTip(tr("σ: Gaussian corruption of the training points; r(x) − x then points back to the "
                           "manifold (Goodfellow et al. §14.5.1)"));
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 100000);
    m_epochs->setValue(400);
    m_epochs->setToolTip(tr("N: training epochs of the toy DAE"));
    m_train = new QPushButton(tr("Train toy DAE"), this);
    auto* clear = new QPushButton(tr("Clear trajectories"), this);
    m_status = new QLabel(tr("A 2-n-2 DAE (tanh, linear output), Gaussian noise, squared error, SGD with momentum; "
                             "click the plane to iterate from a point."),
                          this);
    m_status->setWordWrap(true);
    auto* box = new QGroupBox(tr("2-D toy data"), this);
    auto* form = new QFormLayout(box);
    form->addRow(tr("Data"), m_set);
    form->addRow(tr("Hidden units"), m_hidden);
    form->addRow(tr("Noise σ"), m_sigma);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(m_train);
    form->addRow(clear);
    form->addRow(m_status);
    m_view = new VectorFieldView(this);
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    left->addWidget(box);
    left->addStretch(1);
    layout->addLayout(left);
    layout->addWidget(m_view, 1);
    connect(m_train, &QPushButton::clicked, this, &ToyPanel::train);
    connect(clear, &QPushButton::clicked, m_view, &VectorFieldView::clearTrajectories);
}

ToyPanel::~ToyPanel() = default;

TrainingConfig ToyPanel::config() const {
    // tanh units and a linear output fit the plane's geometry far better than sigmoids here.
    TrainingConfig c;
    c.model.hidden = m_hidden->value();
    c.model.encoder = Activation::Tanh;
    c.model.decoder = Activation::Linear;
    c.corruption = {CorruptionType::Gaussian, m_sigma->value()};
    c.loss = Loss::SquaredError;
    c.learning_rate = 0.02;
    c.momentum = 0.9;
    c.annealing = 0.995;
    c.epochs = m_epochs->value();
    return c;
}

void ToyPanel::train() {
    m_train->setEnabled(false);
    m_status->setText(tr("Training…"));
    m_worker.cancel();
    m_worker.post([this, data = make_toy_2d(Toy2D(m_set->currentData().toInt()), 2000, 0.03, 1),
                   c = config()](const JobContext& ctx) {
        try {
            Trainer t(c, data.samples);
            t.run(ctx.observer());
            if (t.status() == TrainStatus::Diverged) throw std::runtime_error(t.message());
            if (ctx.cancelled()) return;
            ctx.deliver([this, m = t.model(), data] {
                m_train->setEnabled(true);
                m_view->setModel(m, data);
                m_status->setText(tr("Arrows: r(x) − x. Colours: basins of the %1 attractors (red dots). Click to "
                                     "iterate from a point.")
                                      .arg(m_view->basins().attractors.size()));
                emit toyTrained();
            });
        } catch (const std::exception& e) {
            ctx.deliver([this, why = QString::fromStdString(e.what())] {
                m_train->setEnabled(true);
                m_status->setText(why);
            });
        }
    });
}

}  // namespace dae::ui
