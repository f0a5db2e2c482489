// A small trained DAE, its data and a judge for the tests of the Dynamics tab's panels: 3,000
// embedded MNIST digits to train, 300 to test, 64 hidden units, 3 epochs (built once per process).
#pragma once

#include "dae/default_data.h"
#include "dae/judge.h"
#include "dae/provenance.h"
#include "dae/training.h"

#include <memory>

namespace dae {

struct DynamicsFixture {
    Partition data;
    Autoencoder model;
    Judge judge;
};

inline const DynamicsFixture& fixture() {
    static const DynamicsFixture f = [] {
        DynamicsFixture x;
        const Dataset mnist = load_default_mnist();
        const Split s = make_split(mnist.size(), 3000, 300, 0, 1);
        x.data.train = mnist.subset(s.train);
        x.data.validation = x.data.test = mnist.subset(s.validation);
        TrainingConfig c;
        c.model.hidden = 64;
        c.epochs = 3;
        Trainer t(c, x.data.train.samples);
        t.run();
        x.model = t.model();
        x.judge = Judge::train(x.data.train, x.data.validation, JudgeConfig{.hidden = 64, .epochs = 3});
        return x;
    }();
    return f;
}

// The Dynamics panel (or any view with the same three setters) given the fixture's data, model and
// judge, so that no judge is trained in the background.
template <class Panel> void give_fixture(Panel& panel) {
    panel.setData(std::make_shared<const Partition>(fixture().data));
    panel.setJudge(fixture().judge);
    panel.setModel(fixture().model);
}

}  // namespace dae
