#include "experiments/stacked_panel.h"

#include "render/tile_image.h"
#include "widgets/image_view.h"
#include "workers/bar_reporter.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <numeric>

namespace dae::ui {

StackedPanel::StackedPanel(QWidget* parent) : QWidget(parent) {
    const StackedConfig defaults;  // the core's recipe, as daelab-cli stacked's
    m_layers = new QLineEdit(this);
    m_layers->setToolTip(tr("Hidden layer sizes, bottom to top"));
    m_noise = new QDoubleSpinBox(this);
    m_noise->setRange(0, 1);
    m_noise->setSingleStep(0.05);

    m_noise->setPrefix(tr("SdA ν = "));
    m_noise->setToolTip(tr("Masking level of the SdA's pretraining (SAA uses ν = 0)"));
    m_pretrain_epochs = new QSpinBox(this);
    m_pretrain_epochs->setRange(1, 1000);

    m_pretrain_epochs->setSuffix(tr(" pretraining epochs/layer"));
    m_pretrain_epochs->setToolTip(tr("Epochs of greedy layer-wise pretraining, per layer (Vincent et al. 2008 §2.4)"));
    m_finetune_epochs = new QSpinBox(this);
    m_finetune_epochs->setRange(1, 1000);

    m_finetune_epochs->setSuffix(tr(" fine-tuning epochs"));
    m_finetune_epochs->setToolTip(
        tr("Epochs of supervised fine-tuning; the epoch best on validation is kept (Vincent et al. 2008 §5)"));
    m_sda = new QCheckBox(tr("SdA"), this);
    m_saa = new QCheckBox(tr("SAA"), this);
    m_mlp = new QCheckBox(tr("MLP"), this);
    m_sda->setToolTip(tr("SdA: stacked denoising autoencoders, pretrained with masking noise ν (Vincent et al. 2008)"));
    m_saa->setToolTip(tr("SAA: stacked ordinary autoencoders, ν = 0 (Vincent et al. 2008 §5, Table 1)"));
    m_mlp->setToolTip(tr("MLP: the same network from its random initial weights, no pretraining"));
    for (QCheckBox* c : {m_sda, m_saa, m_mlp})
        c->setChecked(true);
    setConfig(defaults, defaults.pretrain.corruption.level);
    m_run = new QPushButton(tr("Train and compare"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setValue(0);
    m_status =
        new QLabel(tr("Greedy layer-wise pretraining — each layer a DAE on the clean codes of the layer below — then "
                      "fine-tuning with a softmax layer, keeping the epoch with the lowest validation error. "
                      "Pick rot, bg-rand or bg-img in the data set chooser for the harder variants."),
                   this);
    m_status->setWordWrap(true);
    m_table = new QTableWidget(0, 6, this);
    m_table->setHorizontalHeaderLabels({tr("model"), tr("pretraining ν"), tr("validation error"),
                                        tr("test error (95 % CI)"), tr("best epoch"), tr("time")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_filters = new ImageView(this);
    m_filters->setMinimumZoom(2);
    m_filters->setCaption(tr("Training images, then each model's first %1 first-layer filters").arg(kUnits));

    auto* settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("Layers"), this));
    settings->addWidget(m_layers);
    settings->addWidget(m_noise);
    settings->addWidget(m_pretrain_epochs);
    settings->addWidget(m_finetune_epochs);
    settings->addWidget(m_sda);
    settings->addWidget(m_saa);
    settings->addWidget(m_mlp);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_run);
    actions->addWidget(m_cancel);
    actions->addWidget(m_progress, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_filters);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(settings);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    wire();
}

void StackedPanel::wire() {
    connect(m_run, &QPushButton::clicked, this, &StackedPanel::runFromControls);
    connect(m_cancel, &QPushButton::clicked, this, &StackedPanel::cancel);
    connect(&m_job, &WorkerThread::idle, this, [this] {
        m_run->setEnabled(true);
        m_cancel->setEnabled(false);
        emit finished();
    });
}

StackedPanel::~StackedPanel() = default;

void StackedPanel::setData(SharedPartition partition) {
    cancel();
    m_partition = std::move(partition);
    m_sets.reset();
    m_results.clear();
    redraw();
}

StackedConfig StackedPanel::config() const {
    StackedConfig c;
    c.layers.clear();
    for (const QString& v : m_layers->text().split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const Index n = v.trimmed().toLongLong(&ok);
        c.layers.push_back(ok ? n : 0);  // 0 is refused by validate(), with its reason
    }
    c.pretrain.epochs = m_pretrain_epochs->value();
    c.finetune_epochs = m_finetune_epochs->value();
    return c;
}

QStringList StackedPanel::models() const {
    QStringList m;
    if (m_sda->isChecked()) m << QStringLiteral("SdA");
    if (m_saa->isChecked()) m << QStringLiteral("SAA");
    if (m_mlp->isChecked()) m << QStringLiteral("MLP");
    return m;
}

void StackedPanel::setConfig(const StackedConfig& config, double noise) {
    QStringList l;
    for (Index n : config.layers)
        l << QString::number(n);
    m_layers->setText(l.join(QStringLiteral(", ")));
    m_noise->setValue(noise);
    m_pretrain_epochs->setValue(config.pretrain.epochs);
    m_finetune_epochs->setValue(config.finetune_epochs);
}

bool StackedPanel::runFromControls() { return run(config(), m_noise->value(), models()); }

const StackedSets& StackedPanel::sets() const {
    if (!m_sets) m_sets = std::make_shared<const StackedSets>(stacked_sets(*m_partition));
    return *m_sets;
}

bool StackedPanel::run(const StackedConfig& config, double noise, const QStringList& models) {
    const StackedSets& s = sets();
    std::string why;
    QString problem;
    if (models.isEmpty())
        problem = tr("choose at least one of SdA, SAA, MLP");
    else if (s.train.size() == 0 || s.validation.size() == 0 || s.test.size() == 0)
        problem = tr("no data (the data set needs a held-out part)");
    else if (s.train.width * s.train.height != s.train.dim() || s.train.dim() < 4)
        problem =
            tr("stacked DAEs classify images; %1 is not an image data set").arg(QString::fromStdString(s.train.name));
    else if (StackedConfig c = config; c.pretrain.corruption.level = noise, !c.validate(&why, s.train.size()))
        problem = QString::fromStdString(why);
    if (!problem.isEmpty()) {
        m_status->setText(tr("Not started: %1").arg(problem));
        emit message(tr("Stacked DAEs not started: %1").arg(problem));
        return false;
    }
    m_results.clear();
    redraw();
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_status->setText(tr("Training %1 on %2 (%3 train, %4 validation, %5 test) …")
                          .arg(models.join(QStringLiteral(", ")), QString::fromStdString(s.train.name))
                          .arg(s.train.size())
                          .arg(s.validation.size())
                          .arg(s.test.size()));
    m_job.cancel();
    m_job.run(
        [this, config, noise, models, sets = m_sets](const JobContext& ctx) {
            BarReporter parts(ctx, m_progress);  // over all models: each is an equal part
            for (int k = 0; k < models.size() && !ctx.cancelled(); ++k) {
                const auto kind = stacked_kind_from_name(models[k].toStdString());
                ObserverSection section(&parts, "", static_cast<double>(k) / models.size(),
                                        static_cast<double>(k + 1) / models.size());
                StackedResult r = run_stacked_model(*kind, config, noise, *sets, &section);
                ctx.deliver([this, r = std::move(r)] {  // each model as it is done
                    m_results.push_back(r);
                    redraw();
                });
            }
        },
        [this] {
            m_status->setText(
                tr("Done: test error with a 95 % binomial interval over %1 test images").arg(this->sets().test.size()));
        },
        [this](const QString& why) {
            m_status->setText(tr("Stopped after %1 models: %2").arg(m_results.size()).arg(why));
            emit message(why);
        });
    return true;
}

void StackedPanel::cancel() {
    if (m_job.busy()) m_status->setText(tr("Cancelled after %1 models").arg(m_results.size()));
    m_job.cancel();
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
}

void StackedPanel::redraw() {
    m_table->setRowCount(static_cast<int>(m_results.size()));
    for (int i = 0; i < static_cast<int>(m_results.size()); ++i) {
        const StackedResult& r = m_results[static_cast<std::size_t>(i)];
        const QStringList cells{
            QString::fromLatin1(stacked_kind_name(r.kind)),
            QString::number(r.noise),
            QStringLiteral("%1 %").arg(100 * r.finetune.best_validation_error, 0, 'f', 2),
            QStringLiteral("%1 ± %2 %").arg(100 * r.test_error, 0, 'f', 2).arg(100 * r.test_ci95, 0, 'f', 2),
            QString::number(r.finetune.best_epoch + 1),
            QStringLiteral("%1 s").arg(r.seconds, 0, 'f', 0)};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    const Dataset& train = m_partition->train;  // the row of training images above the filters
    if (train.size() == 0 || train.width * train.height != train.dim()) {
        m_filters->setImage({});
        return;
    }
    std::vector<Matrix> rows{train.samples.leftCols(std::min<Index>(kUnits, train.size()))};
    QStringList labels{tr("data")};
    for (const StackedResult& r : m_results) {
        rows.push_back(r.first_filters);
        labels << QString::fromLatin1(stacked_kind_name(r.kind));
    }
    m_filters->setImage(with_row_labels(tile_rows_image(rows, train.width, train.height, kUnits), labels, 40));
}

}  // namespace dae::ui
