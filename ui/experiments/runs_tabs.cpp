// The Runs view's comparison tabs — what each shows and the controls above it — and the outcome
// atlas over training of the selected runs that recorded one.
#include "experiments/runs_panel.h"
#include "experiments/runs_table.h"
#include "render/file_output.h"
#include "render/runs_plot.h"
#include "widgets/image_view.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace dae::ui {

namespace {

QComboBox* combo(QWidget* parent, const QStringList& items = {}) {
    auto* c = new QComboBox(parent);
    c->addItems(items);
    c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return c;
}

}  // namespace

void RunsPanel::buildCompare(QSplitter* split) {
    m_compare = new QTabWidget(split);
    // A tab: its controls and a Save PNG… button above the picture.
    auto page = [this](ImageView*& view, const QString& title, std::initializer_list<QWidget*> controls,
                       const QString& vector = {}) {
        auto* w = new QWidget(m_compare);
        auto* v = new QVBoxLayout(w);
        auto* bar = new QHBoxLayout;
        for (QWidget* c : controls)
            bar->addWidget(c);
        bar->addStretch(1);
        auto* save = new QPushButton(tr("Save PNG…"), w);
        save->setToolTip(tr("This picture as a PNG, at its own size"));
        bar->addWidget(save);
        if (!vector.isEmpty()) {  // a plot: also as a vector drawing
            auto* svg = new QPushButton(tr("Save SVG…"), w);
            svg->setToolTip(tr("This plot as an SVG vector drawing"));
            bar->addWidget(svg);
            connect(svg, &QPushButton::clicked, this, [this, vector, title] {
                const QString file = QFileDialog::getSaveFileName(
                    this, tr("Save the plot"), title.toLower().replace(' ', '-') + ".svg", tr("SVG (*.svg)"));
                QString error;
                if (!file.isEmpty() && !saveSvg(vector, file, &error)) emit message(error);
            });
        }
        v->addLayout(bar);
        view = new ImageView(w);
        view->setShrinkToFit(true);
        v->addWidget(view, 1);
        m_compare->addTab(w, title);
        connect(save, &QPushButton::clicked, this, [this, view, title] {
            if (view->image().isNull()) return emit message(tr("Nothing drawn yet: select runs first."));
            const QString file = QFileDialog::getSaveFileName(
                this, tr("Save the picture"), title.toLower().replace(' ', '-') + ".png", tr("PNG (*.png)"));
            QString error;
            if (!file.isEmpty() && !save_image(view->image(), file, &error)) emit message(error);
        });
    };
    m_curve = combo(this, {tr("Training loss"), tr("Validation loss"), tr("Clean validation MSE")});
    m_axis = combo(this, {tr("epochs"), tr("training samples")});
    m_axis->setToolTip(tr("The curves' x axis: epochs, or the training samples seen (an epoch is the run's "
                          "training set, so runs on sets of different sizes compare by the samples they saw)"));
    m_scatter_x = combo(this);
    m_scatter_y = combo(this);
    m_scatter_colour = combo(this);
    m_curve->setToolTip(tr("The per-epoch curve to overlay: training loss, validation loss (the same objective on "
                           "the validation set), or the clean reconstruction MSE on it"));
    m_scatter_x->setToolTip(tr("The setting or result along x, one point per run"));
    m_scatter_y->setToolTip(tr("The result along y"));
    m_scatter_colour->setToolTip(tr("The setting whose values get their own colour (—: one colour)"));
    page(m_curves_view, tr("Loss curves"),
         {new QLabel(tr("Curve:"), this), m_curve, new QLabel(tr("over"), this), m_axis}, QStringLiteral("loss"));
    page(m_outcomes_view, tr("Outcomes over training"), {});
    page(m_filters_view, tr("Filters"), {});
    m_digit = new QSpinBox(this);
    m_digit->setRange(0, 0);
    m_digit->setToolTip(tr("The test digit each selected run's model iterates, xⁱ = r(xⁱ⁻¹), from the same start"));
    m_step = new QSlider(Qt::Horizontal, this);
    m_step->setRange(0, static_cast<int>(trajectorySteps().size()));  // the last position: every step
    m_step->setValue(m_step->maximum());
    m_step->setMinimumWidth(180);
    m_step->setToolTip(tr("Step the runs together: their frames side by side at one step (0, 1, 2, 3, 5 … 1000), "
                          "or, at the right end, every step, a row per run"));
    m_step_label = new QLabel(tr("every step"), this);
    m_step_label->setMinimumWidth(m_step_label->fontMetrics().horizontalAdvance(tr("every step")) + 8);
    page(m_trajectories_view, tr("Trajectories"),
         {new QLabel(tr("Test digit:"), this), m_digit, new QLabel(tr("Step:"), this), m_step, m_step_label});
    auto* phase = new QPushButton(tr("As phase diagram"), this);
    phase->setToolTip(tr("The other preset: these runs as the paper's phase diagram, the share of each outcome "
                         "over σ × k, in the Phase diagram view (the first grid folder or results.csv open here)"));
    connect(phase, &QPushButton::clicked, this, [this] {
        if (m_paths.isEmpty()) return emit message(tr("Open a grid's folder or a results.csv first."));
        emit openPhaseDiagram(m_paths.front());
    });
    page(m_scatter_view, tr("Scatter"),
         {new QLabel(tr("x:"), this), m_scatter_x, new QLabel(tr("y:"), this), m_scatter_y,
          new QLabel(tr("colour:"), this), m_scatter_colour, phase},
         QStringLiteral("scatter"));
}

void RunsPanel::drawOutcomes(const std::vector<std::size_t>& selected) {
    const std::vector<CatalogRun> runs = catalogOf(selected);
    QStringList problems;
    const std::vector<RunAtlas> atlases = runs_atlases(runs, &problems);
    m_outcomes_image = render_runs_atlas(atlases);
    m_outcomes_view->setImage(m_outcomes_image);
    m_outcomes_view->setCaption(
        !problems.isEmpty() ? problems.join('\n')
        : runs.empty()      ? tr("Select runs to see what became of their probe digits after every epoch of training.")
        : atlases.empty()
            ? tr("None of the selected runs recorded an outcome atlas: a grid records one with \"atlas\": N in its "
                 "JSON, daelab-cli train with --atlas MODEL.atlas.csv beside its model.")
            : tr("%1 of %2 selected runs recorded an atlas: the share of each outcome of its probe (the first "
                 "validation digits, iterated to their fixed points) after every epoch")
                  .arg(atlases.size())
                  .arg(std::min(runs.size(), kMaxOverlaidRuns)));
}

}  // namespace dae::ui
