#include "dae/landscape.h"

#include "dae/attractors.h"
#include "dae/error.h"
#include "dae/numbers.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <locale>
#include <sstream>

namespace dae {

Matrix PlaneProjection::project(const Matrix& x) const {
    if (x.rows() != mean.size())
        throw Error("the plane takes images of " + std::to_string(mean.size()) + " values, not " +
                    std::to_string(x.rows()));
    return axes * (x.colwise() - mean);
}

PlaneProjection fit_plane(const Matrix& samples) {
    const Index d = samples.rows(), n = samples.cols();
    if (n < 2 || d < 2) throw Error("a plane needs two samples of two values at least");
    PlaneProjection p;
    p.mean = samples.rowwise().mean();
    const MatrixD centred = (samples.colwise() - p.mean).cast<double>();
    const MatrixD covariance = centred * centred.transpose() / static_cast<double>(n - 1);
    const Eigen::SelfAdjointEigenSolver<MatrixD> eigen(covariance);
    if (eigen.info() != Eigen::Success) throw Error("the principal directions did not converge");
    const double total = std::max(covariance.trace(), 1e-300);
    p.axes.resize(2, d);
    for (int k = 0; k < 2; ++k) {
        const Index column = d - 1 - k;  // eigenvalues ascending: the largest last
        Eigen::VectorXd axis = eigen.eigenvectors().col(column);
        Index largest = 0;
        axis.cwiseAbs().maxCoeff(&largest);
        if (axis(largest) < 0) axis = -axis;
        p.axes.row(k) = axis.cast<Scalar>().transpose();
        p.explained[k] = std::max(eigen.eigenvalues()(column), 0.0) / total;
    }
    return p;
}

std::vector<int> landscape_frame_steps(int max_steps) {
    std::vector<int> steps{0};
    for (int s = 1; s <= max_steps;) {
        steps.push_back(s);
        const int next = s < 4 ? s + 1 : (s & (s - 1)) == 0 ? s + s / 2 : s + s / 3;  // 4, 6, 8, 12, 16, 24 …
        s = next;
    }
    return steps;
}

std::pair<float, float> Landscape::at(Index sample, double t) const {
    const int last = frames() - 1;
    t = std::clamp(t, 0.0, static_cast<double>(last));
    const int f = std::min(static_cast<int>(t), std::max(last - 1, 0));
    const auto w = static_cast<float>(t - f);
    const Matrix& a = paths[static_cast<std::size_t>(f)];
    const Matrix& b = paths[static_cast<std::size_t>(std::min(f + 1, last))];
    return {a(0, sample) + w * (b(0, sample) - a(0, sample)), a(1, sample) + w * (b(1, sample) - a(1, sample))};
}

int Landscape::step_at(double t) const {
    if (frames() == 0) return 0;
    const int f = std::clamp(static_cast<int>(t), 0, frames() - 1);
    if (f + 1 >= frames()) return frame_step.back();
    const double w = t - f;
    return static_cast<int>(std::lround(frame_step[static_cast<std::size_t>(f)] * (1 - w) +
                                        frame_step[static_cast<std::size_t>(f + 1)] * w));
}

double Landscape::time_of_step(int step) const {
    for (int f = 0; f + 1 < frames(); ++f) {
        const int a = frame_step[static_cast<std::size_t>(f)], b = frame_step[static_cast<std::size_t>(f + 1)];
        if (step <= b) return f + std::clamp(static_cast<double>(step - a) / std::max(b - a, 1), 0.0, 1.0);
    }
    return std::max(frames() - 1, 0);
}

namespace {

void group_basins(Landscape& map, const IterationResult& iteration, double link_distance) {
    std::vector<Index> settled;
    for (std::size_t j = 0; j < iteration.ending.size(); ++j)
        if (iteration.ending[j] == Ending::Converged) settled.push_back(static_cast<Index>(j));
    Matrix points(iteration.fixed_points.rows(), static_cast<Index>(settled.size()));
    for (std::size_t i = 0; i < settled.size(); ++i)
        points.col(static_cast<Index>(i)) = iteration.fixed_points.col(settled[i]);
    const std::vector<Index> group = link_within(points, link_distance);
    const Index groups = group.empty() ? 0 : *std::max_element(group.begin(), group.end()) + 1;
    std::vector<LandscapeBasin> basins(static_cast<std::size_t>(groups));
    const Matrix& ends = map.ends();
    for (std::size_t i = 0; i < settled.size(); ++i) {
        LandscapeBasin& b = basins[static_cast<std::size_t>(group[i])];
        const Index s = settled[i];
        if (b.basin.empty()) {
            b.x = ends(0, s);
            b.y = ends(1, s);
            const SampleOutcome& o = map.outcomes[static_cast<std::size_t>(s)];
            b.judged = o.predicted;
            b.outcome = o.outcome;
        }
        b.basin.push_back(s);
    }
    for (LandscapeBasin& b : basins) {
        std::vector<Index> count(10, 0);
        for (Index s : b.basin) {
            const int l = map.labels[static_cast<std::size_t>(s)];
            if (l >= 0 && l < 10) ++count[static_cast<std::size_t>(l)];
        }
        const auto most = std::max_element(count.begin(), count.end());
        b.majority = *most > 0 ? static_cast<int>(most - count.begin()) : -1;
        if (b.outcome == Outcome::Converged || b.outcome == Outcome::OtherClass)
            b.outcome = b.majority < 0 || b.judged == b.majority ? Outcome::Converged : Outcome::OtherClass;
    }
    std::stable_sort(basins.begin(), basins.end(),
                     [](const LandscapeBasin& a, const LandscapeBasin& b) { return a.basin.size() > b.basin.size(); });
    map.basin_of.assign(map.labels.size(), -1);
    for (std::size_t k = 0; k < basins.size(); ++k)
        for (Index s : basins[k].basin)
            map.basin_of[static_cast<std::size_t>(s)] = static_cast<Index>(k);
    map.basins = std::move(basins);
}

}  // namespace

Landscape compute_landscape(const Autoencoder& model, const Dataset& data, const Judge& judge,
                            const EvaluationConfig& config, const PlaneProjection& plane, double link_distance,
                            RunObserver* observer) {
    if (plane.mean.size() != data.dim())
        throw Error("the plane was fitted to images of " + std::to_string(plane.mean.size()) +
                    " values, the data set has " + std::to_string(data.dim()));
    EvaluationConfig c = config;
    c.iteration.keep_all_frames = false;
    c.iteration.frame_steps = landscape_frame_steps(c.iteration.max_steps);
    c.iteration.frame_projection = plane.axes;
    SetEvaluation e = evaluate_set(model, data, judge, c, observer);

    Landscape map;
    map.plane = plane;
    map.labels = data.labels;
    map.labels.resize(static_cast<std::size_t>(data.size()), -1);
    map.outcomes = std::move(e.outcomes);
    map.summary = e.summary;
    map.steps_run = e.iteration.steps_run;
    map.cancelled = e.iteration.cancelled;
    const Eigen::Matrix<Scalar, 2, 1> offset = plane.axes * plane.mean;
    for (std::size_t f = 0; f < e.iteration.frames.size(); ++f) {
        map.frame_step.push_back(e.iteration.frame_step[f]);
        map.paths.push_back(e.iteration.frames[f].colwise() - offset);
    }
    // The end points themselves close every path (a run stops between two kept steps).
    Matrix ends = plane.project(e.iteration.fixed_points);
    if (!map.frame_step.empty() && map.frame_step.back() == map.steps_run) {
        map.paths.back() = std::move(ends);
    } else {
        map.frame_step.push_back(map.steps_run);
        map.paths.push_back(std::move(ends));
    }
    group_basins(map, e.iteration, link_distance);
    map.end_points = std::move(e.iteration.fixed_points);
    return map;
}

std::string landscape_csv(const Landscape& map) {
    std::ostringstream out;
    out.imbue(std::locale::classic());  // whatever the program's locale: no digit grouping
    auto number = [](float v) { return general_number(v, 7); };
    out << "index,label,x,y,end_x,end_y,outcome,predicted,basin,basin_size\n";
    for (Index j = 0; j < map.size(); ++j) {
        const auto s = static_cast<std::size_t>(j);
        const Index b = map.basin_of[s];
        out << j << ',' << map.labels[s] << ',' << number(map.starts()(0, j)) << ',' << number(map.starts()(1, j))
            << ',' << number(map.ends()(0, j)) << ',' << number(map.ends()(1, j)) << ','
            << outcome_name(map.outcomes[s].outcome) << ',' << map.outcomes[s].predicted << ',' << b << ','
            << (b < 0 ? 0 : map.basins[static_cast<std::size_t>(b)].basin.size()) << '\n';
    }
    return out.str();
}

}  // namespace dae
