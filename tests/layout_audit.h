// What a person sees of a window, measured: widgets cut by their parent, texts that do not fit
// their label or button (elided or clipped), chart titles and legends cut, forms that scroll
// sideways, and how many controls are visible. The layout tests run it on every workspace at the
// window's first sizes; each finding names the widget by its object name, class and text.
#pragma once

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGraphicsSimpleTextItem>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QMenuBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QStringList>
#include <QTabBar>
#include <QTextDocument>
#include <QToolBar>
#include <QValueAxis>

namespace layout_audit {

inline QString describe(const QWidget* w) {
    QString text;
    if (auto* l = qobject_cast<const QLabel*>(w)) text = l->text();
    if (auto* b = qobject_cast<const QAbstractButton*>(w)) text = b->text();
    if (auto* c = qobject_cast<const QComboBox*>(w)) text = c->currentText();
    QString path;
    for (const QWidget* p = w; p && path.size() < 160; p = p->parentWidget())
        if (!p->objectName().isEmpty()) {
            path = p->objectName();
            break;
        }
    return QStringLiteral("%1 %2 '%3'").arg(QString::fromLatin1(w->metaObject()->className()), path, text.left(60));
}

// Inside a scroll area's viewport a child may be larger than the viewport: it scrolls. Inside a
// toolbar, an action that does not fit goes to the extension menu (a toolbar is checked as a whole).
inline bool scrolls_or_overflows(const QWidget* w) {
    const QWidget* p = w->parentWidget();
    if (!p) return true;
    if (auto* area = qobject_cast<const QAbstractScrollArea*>(p->parentWidget()); area && area->viewport() == p)
        return true;
    return qobject_cast<const QScrollBar*>(w) || qobject_cast<const QToolBar*>(p) || w->inherits("QToolBarExtension") ||
           w->inherits("QSplitterHandle") || w->inherits("QTabBar") || w->inherits("QFocusFrame") ||
           w->inherits("QRubberBand");
}

// Visible widgets whose rectangle is not inside their parent's.
inline QStringList cut_widgets(QWidget* root) {
    QStringList out;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisibleTo(root) || w->isWindow() || scrolls_or_overflows(w)) continue;
        const QRect inside = w->parentWidget()->rect();
        if (!inside.contains(w->geometry()) && w->width() > 0 && w->height() > 0)
            out << QStringLiteral("cut: %1 at %2,%3 %4×%5 in a %6×%7 parent")
                       .arg(describe(w))
                       .arg(w->x())
                       .arg(w->y())
                       .arg(w->width())
                       .arg(w->height())
                       .arg(inside.width())
                       .arg(inside.height());
    }
    return out;
}

inline QString plain(const QLabel* l) {
    if (l->textFormat() == Qt::PlainText || (l->textFormat() == Qt::AutoText && !Qt::mightBeRichText(l->text())))
        return l->text();
    QTextDocument d;
    d.setHtml(l->text());
    return d.toPlainText();
}

// Texts that do not fit: a label (one line wider than it, or wrapped lines taller than it), a
// button's text, a combo box's current item, a tab bar's tabs, a chart's axis titles and legend.
inline QStringList elided_texts(QWidget* root) {
    QStringList out;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisibleTo(root) || w->isWindow() || w->width() == 0) continue;
        if (auto* l = qobject_cast<QLabel*>(w); l && !l->text().isEmpty() && l->pixmap().isNull()) {
            const QRect r = l->contentsRect().adjusted(l->margin(), l->margin(), -l->margin(), -l->margin());
            const int indent = std::max(0, l->indent());
            if (l->wordWrap()) {
                if (l->heightForWidth(l->width()) > l->height() + 2)
                    out << QStringLiteral("wrapped text cut: %1").arg(describe(l));
            } else {
                int widest = 0;
                for (const QString& line : plain(l).split(QLatin1Char('\n')))
                    widest = std::max(widest, l->fontMetrics().horizontalAdvance(line));
                if (widest + indent > r.width() + 1)
                    out << QStringLiteral("text cut: %1 (%2 > %3)").arg(describe(l)).arg(widest).arg(r.width());
            }
        } else if (auto* b = qobject_cast<QAbstractButton*>(w);
                   b && !b->text().isEmpty() && !w->inherits("QToolBarExtension")) {
            if (b->sizeHint().width() > b->width() + 1)
                out << QStringLiteral("button text cut: %1 (%2 > %3)")
                           .arg(describe(b))
                           .arg(b->sizeHint().width())
                           .arg(b->width());
        } else if (auto* c = qobject_cast<QComboBox*>(w); c && !c->isEditable() && !c->currentText().isEmpty()) {
            const int need = c->fontMetrics().horizontalAdvance(c->currentText()) + 28;  // frame, arrow
            if (need > c->width())
                out << QStringLiteral("combo text cut: %1 (%2 > %3)").arg(describe(c)).arg(need).arg(c->width());
        } else if (auto* t = qobject_cast<QTabBar*>(w)) {
            for (int i = 0; i < t->count(); ++i)
                if (!t->rect().contains(t->tabRect(i)) ||
                    t->tabRect(i).width() < t->fontMetrics().horizontalAdvance(t->tabText(i)) + 8)
                    out << QStringLiteral("tab cut: %1 '%2'").arg(describe(t), t->tabText(i));
        } else if (auto* v = qobject_cast<QChartView*>(w)) {
            QChart* chart = v->chart();
            const QRectF plot = chart->plotArea();
            for (QAbstractAxis* axis : chart->axes()) {
                if (!axis->isVisible() || axis->titleText().isEmpty() || !axis->isTitleVisible()) continue;
                const QFontMetricsF m(axis->titleFont());
                const double along = axis->orientation() == Qt::Horizontal ? plot.width() : plot.height();
                if (m.horizontalAdvance(axis->titleText()) > along)
                    out << QStringLiteral("axis title cut: %1 '%2'").arg(describe(v), axis->titleText());
            }
            if (chart->legend()->isVisible())
                for (QLegendMarker* marker : chart->legend()->markers())
                    if (marker->isVisible() && QFontMetricsF(marker->font()).horizontalAdvance(marker->label()) + 30 >
                                                   chart->legend()->geometry().width())
                        out << QStringLiteral("legend cut: %1 '%2'").arg(describe(v), marker->label());
        }
    }
    return out;
}

// Controls squeezed below what can be used: a slider shorter than 100 pixels, a text field narrower
// than four digits (a layout that gives them no room shrinks them rather than cutting them).
inline QStringList squeezed_controls(QWidget* root) {
    QStringList out;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisibleTo(root) || w->isWindow()) continue;
        if (auto* s = qobject_cast<QAbstractSlider*>(w); s && !qobject_cast<QScrollBar*>(w)) {
            const int length = s->orientation() == Qt::Horizontal ? s->width() : s->height();
            if (length < 100) out << QStringLiteral("squeezed: %1 (%2 px long)").arg(describe(s)).arg(length);
        } else if (auto* e = qobject_cast<QLineEdit*>(w);
                   e && !w->parentWidget()->inherits("QAbstractSpinBox") && !w->parentWidget()->inherits("QComboBox")) {
            if (e->width() < e->fontMetrics().horizontalAdvance(QStringLiteral("0000")) + 8)
                out << QStringLiteral("squeezed: %1 (%2 px wide)").arg(describe(e)).arg(e->width());
        }
    }
    return out;
}

// Forms and views that scroll sideways.
inline QStringList sideways_scrolling(QWidget* root) {
    QStringList out;
    for (QScrollArea* a : root->findChildren<QScrollArea*>())
        if (a->isVisibleTo(root) && a->horizontalScrollBar()->isVisible())
            out << QStringLiteral("scrolls sideways: %1 (%2 of %3 px)")
                       .arg(describe(a->widget() ? a->widget() : a))
                       .arg(a->viewport()->width())
                       .arg(a->widget() ? a->widget()->width() : 0);
    return out;
}

// The controls a person sees: buttons, fields, lists, sliders (not scroll bars), every tab of a
// tab bar and every entry of the menu bar.
inline int count_controls(QWidget* root, QStringList* names = nullptr) {
    int n = 0;
    auto add = [&](int k, const QString& what) {
        n += k;
        if (names) *names << what;
    };
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisibleTo(root) || w->isWindow()) continue;
        if (w->inherits("QToolBarExtension") || w->parentWidget()->inherits("QTabBar") ||
            w->parentWidget()->inherits("QComboBox") || w->parentWidget()->inherits("QAbstractSpinBox"))
            continue;
        if (auto* t = qobject_cast<QTabBar*>(w))
            add(t->count(), QStringLiteral("%1 tabs").arg(t->count()));
        else if (auto* m = qobject_cast<QMenuBar*>(w))
            add(static_cast<int>(m->actions().size()), QStringLiteral("%1 menus").arg(m->actions().size()));
        else if (qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w) || qobject_cast<QLineEdit*>(w) ||
                 qobject_cast<QAbstractSpinBox*>(w) ||
                 (qobject_cast<QAbstractSlider*>(w) && !qobject_cast<QScrollBar*>(w)))
            add(1, describe(w));
    }
    return n;
}

}  // namespace layout_audit
