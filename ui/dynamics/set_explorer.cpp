#include "dynamics/set_explorer.h"

#include "render/outcome_style.h"
#include "render/tile_image.h"
#include "widgets/image_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace dae::ui {

namespace {
constexpr Index kGalleryMax = 40;

// Clicks on the gallery image map back to samples.
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

SetExplorer::SetExplorer(QWidget* parent) : QWidget(parent) {
    m_run = new QPushButton(this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);  // what it stands for is a sentence: in the label below it
    m_state = new QLabel(this);
    m_state->setWordWrap(true);
    m_counts = new QLabel(this);
    m_counts->setTextFormat(Qt::RichText);
    m_counts->setWordWrap(true);
    m_outcome = new QComboBox(this);
    for (int o = 0; o < kOutcomeCount; ++o)
        m_outcome->addItem(QString::fromLatin1(outcome_name(Outcome(o))), o);
    m_outcome->setToolTip(tr("Show the digits with this outcome (Bahdanau & Jaeger §6.1); click a pair to open its "
                             "trajectory"));
    auto* gallery = new ClickableImage(this);
    gallery->setMinimumZoom(1);
    gallery->setCaption(tr("originals above their end points — click one to open its trajectory"));
    gallery->clicked = [this](QPoint p) {
        const int tw = m_result.data.width + 1, th = m_result.data.height + 1;
        const int c = (p.x() - 1) / tw, r = (p.y() - 1) / th;
        if (c >= 0 && c < kSheetPerRow) chooseSample((r / 2) * kSheetPerRow + c);
    };
    m_view = gallery;
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_view);
    scroll->setWidgetResizable(true);
    scroll->setMinimumHeight(120);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_run);
    bar->addWidget(m_cancel);
    bar->addWidget(m_progress, 1);
    auto* gbar = new QHBoxLayout;
    gbar->addWidget(new QLabel(tr("Gallery of"), this));
    gbar->addWidget(m_outcome, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_state);
    layout->addWidget(m_counts);
    layout->addLayout(gbar);
    layout->addWidget(scroll, 1);
    connect(m_run, &QPushButton::clicked, this, &SetExplorer::runRequested);
    connect(m_cancel, &QPushButton::clicked, this, &SetExplorer::cancelRequested);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &SetExplorer::showGallery);
    setSetName(m_name);
    clear();
}

void SetExplorer::setSetName(const QString& name) {
    m_name = name;
    m_run->setText(tr("Iterate all %1 digits").arg(name));
}

void SetExplorer::clear() {
    m_result = SetResult();
    m_progress->setValue(0);
    m_state->clear();
    m_counts->setText(tr("Outcome counts of the whole %1 set appear here.").arg(m_name));
    showGallery();
}

void SetExplorer::started() {
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_state->setText(tr("starting…"));
}

void SetExplorer::progress(const IterationStep& s) {
    m_state->setText(tr("step %1: %2 of %3 settled (stops when more than %4)")
                         .arg(s.step)
                         .arg(s.converged)
                         .arg(s.total)
                         .arg(s.target - 1));
    m_progress->setValue(static_cast<int>(1000.0 * static_cast<double>(s.converged) /
                                          static_cast<double>(std::max<Index>(1, s.target))));
}

QString SetExplorer::progressText() const { return m_state->text(); }

void SetExplorer::setResult(const SetResult& r) {
    m_cancel->setEnabled(false);
    m_result = r;
    const Index n = r.data.size();
    const auto& it = r.eval.iteration;
    const Index settled = it.converged_count();
    m_progress->setValue(1000);
    m_state->setText(tr("stopped at step %1: %2 of %3 settled%4")
                         .arg(it.steps_run)
                         .arg(settled)
                         .arg(n)
                         .arg(r.cancelled ? tr(" (cancelled)") : QString()));
    const OutcomeDefinition shown = r.config.definition;
    const OutcomeDefinition other =
        shown == OutcomeDefinition::Paper ? OutcomeDefinition::Daelab : OutcomeDefinition::Paper;
    auto row = [&](Outcome o) {
        const Index c = r.eval.summary.count(o);
        return QStringLiteral("<tr><td><span style='color:%1'>■</span> %2</td><td align=right><b>%3</b> (%4 %)</td>"
                              "<td align=right>&nbsp;%5</td></tr>")
            .arg(QString::fromLatin1(outcome_colour(o)), QString::fromLatin1(outcome_name(o)))
            .arg(c)
            .arg(100.0 * static_cast<double>(c) / static_cast<double>(std::max<Index>(1, n)), 0, 'f', 1)
            .arg(r.eval.under(other).count(o));
    };
    QString text = tr("<b>%1 %2 digits</b>, stopped at step %3 (the paper's rule: once more than %4 % have "
                      "settled, lᵢ &lt; ε).<br>Where the <b>%5 settled</b> digits ended:"
                      "<table><tr><th></th><th align=right>%6</th><th align=right>&nbsp;%7</th></tr>")
                       .arg(n)
                       .arg(m_name)
                       .arg(it.steps_run)
                       .arg(100 * r.config.iteration.stop_fraction, 0, 'g', 3)
                       .arg(settled)
                       .arg(QString::fromLatin1(outcome_definition_name(shown)),
                            QString::fromLatin1(outcome_definition_name(other)));
    for (Outcome o : {Outcome::Converged, Outcome::OtherClass, Outcome::Stain, Outcome::Explosion, Outcome::Cycle})
        text += row(o);
    text += QStringLiteral("</table>");
    // Not an outcome: the share the stopping rule leaves moving (a quarter by construction of "more than 75 %").
    text += tr("<b>Still moving</b> at the stop step: %1 (%2 %) — not an outcome but the share the stopping rule "
               "leaves; the whole-set rule stops them all at one step.")
                .arg(n - settled)
                .arg(100.0 * static_cast<double>(n - settled) / static_cast<double>(std::max<Index>(1, n)), 0, 'f', 1);
    text += tr("<br><i>%1</i> and <i>%2</i>: the same end points counted under the paper's definition of an explosion "
               "(no pixel above 0.95, §6.1) and daelab's (none above 0.35, so a faint digit is not an explosion).")
                .arg(QString::fromLatin1(outcome_definition_name(OutcomeDefinition::Paper)),
                     QString::fromLatin1(outcome_definition_name(OutcomeDefinition::Daelab)));
    const OutcomeSummary& s = r.eval.summary;
    if (s.explosions >= 2)
        text += QStringLiteral("<br>") +
                (s.explosions_coincide
                     ? tr("All %1 explosions coincide (largest distance %2): the paper's “remarkable fact”.")
                           .arg(s.explosions)
                           .arg(s.explosion_spread, 0, 'g', 3)
                     : tr("The %1 explosions do not all coincide (largest distance %2).")
                           .arg(s.explosions)
                           .arg(s.explosion_spread, 0, 'g', 3));
    m_counts->setText(text);
    showGallery();
}

QString SetExplorer::countsText() const { return m_counts->text(); }

void SetExplorer::showGallery() {
    const Outcome want = Outcome(m_outcome->currentData().toInt());
    m_gallery = outcome_members(m_result.eval.outcomes, want, kGalleryMax);
    if (m_gallery.empty()) {
        m_view->setImage(QImage());
        return;
    }
    TileLayout l;
    l.tile_width = m_result.data.width;
    l.tile_height = m_result.data.height;
    l.columns = kSheetPerRow;
    m_view->setImage(tiles_image(contact_sheet(m_result.data.samples, m_result.eval.iteration.fixed_points, m_gallery),
                                 l, TileScaling::Fixed01));
}

void SetExplorer::chooseSample(Index i) {
    if (i >= 0 && i < static_cast<Index>(m_gallery.size())) emit sampleChosen(m_gallery[static_cast<std::size_t>(i)]);
}

}  // namespace dae::ui
