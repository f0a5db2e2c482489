#include "toy_panel.h"

#include "dae/synthetic.h"
#include "vector_field_view.h"

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

ToyPanel::ToyPanel(QWidget* parent) : QWidget(parent), m_worker(new DynamicsWorker) {
    m_thread.setObjectName(QStringLiteral("daelab toy"));

    m_set = new QComboBox(this);
    for (Toy2D k : {Toy2D::Spiral, Toy2D::Circle, Toy2D::Moons}) m_set->addItem(QString::fromLatin1(toy_2d_name(k)), int(k));
    m_hidden = new QSpinBox(this);
    m_hidden->setRange(2, 1000);
    m_hidden->setValue(128);
    m_sigma = new QDoubleSpinBox(this);
    m_sigma->setRange(0, 1);
    m_sigma->setDecimals(3);
    m_sigma->setSingleStep(0.01);
    m_sigma->setValue(0.05);
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 100000);
    m_epochs->setValue(400);
    m_train = new QPushButton(tr("Train toy DAE"), this);
    auto* clear = new QPushButton(tr("Clear trajectories"), this);
    m_status = new QLabel(tr("A 2-n-2 DAE (tanh, linear output), Gaussian noise, squared error, SGD with momentum; click the plane to iterate from a point."), this);
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
    DynamicsWorker::Handlers h;
    h.post_to_gui = [this](std::function<void()> f) { m_events.post(std::move(f)); };
    h.toy = [this](const ToyModel& m) {
        if (m.job != m_job) return;
        m_train->setEnabled(true);
        m_view->setModel(m.model, m.data);
        m_status->setText(tr("Arrows: r(x) − x. Colours: basins of the %1 attractors (red dots). Click to iterate from a point.")
                              .arg(m_view->basins().attractors.size()));
        emit toyTrained();
    };
    h.failed = [this](quint64, const QString& why) {
        m_train->setEnabled(true);
        m_status->setText(why);
    };
    m_worker->setHandlers(std::move(h));  // before the thread starts
    connect(&m_thread, &QThread::finished, this, [this] { const std::lock_guard<std::mutex> lock(m_joined); }, Qt::DirectConnection);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

ToyPanel::~ToyPanel() {
    m_worker->cancel();
    m_thread.quit();
    m_thread.wait();
    { const std::lock_guard<std::mutex> lock(m_joined); }
    delete m_worker;
}

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
    const quint64 job = ++m_job;
    m_train->setEnabled(false);
    m_status->setText(tr("Training…"));
    const Dataset data = make_toy_2d(Toy2D(m_set->currentData().toInt()), 2000, 0.03, 1);
    m_worker->commands().post([w = m_worker, job, data, c = config()] { w->trainToy(job, data, c); });
}

}  // namespace dae::ui
