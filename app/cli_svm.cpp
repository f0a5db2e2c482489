// daelab-cli svm: the SVM baselines of Vincent et al. 2008's Table 1 (SVM_rbf, SVM_poly), trained
// by libsvm, C and the kernel's γ chosen on the validation set, the test error with its 95 %
// interval — on the same training, validation and test sets as `stacked`.
#include "cli_common.h"
#include "cli_json.h"
#include "cli_support.h"
#include "dae/default_data.h"
#include "dae/error.h"
#include "dae/svm_baseline.h"

#include <QCommandLineParser>

#include <cmath>
#include <cstdio>
#include <limits>

namespace dae::cli {

namespace {

std::vector<double> positive_list(const QCommandLineParser& parser, const QCommandLineOption& option) {
    std::vector<double> out;
    for (const QString& v : parser.value(option).split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double x = v.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(x) || x <= 0)
            throw Error("--" + option.names().constFirst().toStdString() + ": '" + v.toStdString() +
                        "' is not a positive number");
        out.push_back(x);
    }
    if (out.empty()) throw Error("--" + option.names().constFirst().toStdString() + " is empty");
    return out;
}

QJsonObject trial_json(const SvmTrial& t) {
    return QJsonObject{{"C", t.config.C},
                       {"gamma", t.config.gamma},
                       {"validation_error", t.validation_error},
                       {"support_vectors", t.support_vectors},
                       {"seconds", t.seconds}};
}

}  // namespace

int cmd_svm(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The SVM baselines of Vincent et al. 2008's Table 1: a C-SVC (libsvm) with a Gaussian (rbf) or\n"
        "polynomial kernel, one per C × gamma, the one of the lowest validation error scored on the test\n"
        "set (the data sets and splits of `stacked`)."));
    parser.addHelpOption();
    const QCommandLineOption dataset{
        {"d", "dataset"}, "Data set id (see daelab-cli datasets), e.g. rect, convex.", "id", "mnist-10k"};
    const QCommandLineOption kernel{"kernel", "rbf: exp(-gamma |x-y|^2); poly: (gamma x.y + 1)^degree.", "name", "rbf"};
    const QCommandLineOption cs{"C", "Costs C to try, comma-separated.", "list", "1,10,100"};
    const QCommandLineOption gammas{"gamma", "Kernel parameters gamma to try, comma-separated.", "list",
                                    "0.001,0.01,0.1"};
    const QCommandLineOption degree{"degree", "The polynomial kernel's degree.", "n", "3"};
    const QCommandLineOption seed{"seed", "Seed of a generated data set.", "n", "1"};
    const QCommandLineOption csv{"csv", "Append the chosen SVM's row to this CSV (header when new).", "file"};
    const QCommandLineOption json{"json", "Also write every trial and the result as JSON.", "file"};
    const QCommandLineOption quiet{{"q", "quiet"}, "No progress bar."};
    parser.addOptions({dataset, kernel, cs, gammas, degree, seed, csv, json, quiet});
    if (int code = 0; !parse_command(parser, args, &code)) return code;
    const auto k = svm_kernel_from_name(parser.value(kernel).toStdString());
    if (!k) throw Error("--kernel: '" + parser.value(kernel).toStdString() + "' is not rbf or poly");
    const std::vector<double> c_list = positive_list(parser, cs), gamma_list = positive_list(parser, gammas);
    const int deg = static_cast<int>(integer_option(parser, degree, 1, 10));
    const auto data_seed =
        static_cast<std::uint64_t>(integer_option(parser, seed, 0, std::numeric_limits<long long>::max()));
    if (parser.isSet(csv)) check_writable(parser.value(csv), "results CSV");
    if (parser.isSet(json)) check_writable(parser.value(json), "JSON results");

    const DataSource source = load_data_source(parser.value(dataset).toStdString(), data_seed);
    const StackedSets sets = stacked_sets(make_partition(source, source.default_split));
    const std::string& name = source.pool.name;
    std::printf("%s: %lld train, %lld validation, %lld test; SVM %s\n", name.c_str(),
                static_cast<long long>(sets.train.size()), static_cast<long long>(sets.validation.size()),
                static_cast<long long>(sets.test.size()), svm_kernel_name(*k));
    BarObserver bar(!parser.isSet(quiet));
    const SvmResult r = select_svm(sets, *k, c_list, gamma_list, deg, &bar);
    bar.finish();
    std::printf("%-10s %-10s %-10s %-8s %s\n", "C", "gamma", "val. err.", "SVs", "time");
    for (const SvmTrial& t : r.trials)
        std::printf("%-10g %-10g %-10.2f %-8d %.0f s\n", t.config.C, t.config.gamma, 100 * t.validation_error,
                    t.support_vectors, t.seconds);
    std::printf("chosen on validation: C = %g, gamma = %g; test error %.2f ± %.2f %% (%.0f s in all)\n", r.best.C,
                r.best.gamma, 100 * r.test_error, 100 * r.test_ci95, r.seconds);
    if (parser.isSet(csv)) {
        char row[512];
        std::snprintf(row, sizeof row, "%s,svm-%s,%g,%g,%d,%.4f,%.4f,%.4f,%.1f\n", name.c_str(), svm_kernel_name(*k),
                      r.best.C, r.best.gamma, deg, r.validation_error, r.test_error, r.test_ci95, r.seconds);
        append_csv_row(parser.value(csv),
                       "dataset,model,C,gamma,degree,validation_error,test_error,test_ci95,seconds\n", row);
    }
    if (parser.isSet(json)) {
        QJsonObject o = json_header("svm", QString(), name);
        o["kernel"] = QString::fromLatin1(svm_kernel_name(*k));
        o["degree"] = deg;
        QJsonArray trials;
        for (const SvmTrial& t : r.trials)
            trials.append(trial_json(t));
        o["trials"] = trials;
        o["chosen"] = QJsonObject{{"C", r.best.C}, {"gamma", r.best.gamma}};
        o["validation_error"] = r.validation_error;
        o["test_error"] = r.test_error;
        o["test_ci95"] = r.test_ci95;
        o["seconds"] = r.seconds;
        write_json(parser.value(json), o);
    }
    return 0;
}

}  // namespace dae::cli
