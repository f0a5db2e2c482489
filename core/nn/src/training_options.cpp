// The training settings' schema (training_options.h): every setting once.
#include "dae/training_options.h"

namespace dae {

namespace {

using C = TrainingConfig;
constexpr const char* kModel = "Model  r(x) = g(W₂ f(W₁x + b₁) + b₂)";
constexpr const char* kNoise = "Corruption and loss";
constexpr const char* kSgd = "SGD";
constexpr const char* kRegularisers = "Regularisers";

std::vector<TrainingSetting> make_schema() {
    const std::vector<Activation> activations{Activation::Sigmoid, Activation::Tanh, Activation::Relu,
                                              Activation::Linear};
    std::vector<TrainingSetting> s;
    s.push_back(whole_setting<C>(
        {"hidden", "Hidden units n", "hidden units n",
         "500 in Bahdanau & Jaeger 2014 §5.2, up to 2000 in Vincent et al. 2008", kModel},
        {1, 100000}, 50, [](auto& c) -> auto& { return c.model.hidden; }));
    s.push_back(flag_setting<C>(
        {"tied", "Tied weights", "tie the decoder to the encoder, W₂ = W₁ᵀ (true/false)",
         "Vincent et al. 2008 §2.2 tie them; Bahdanau & Jaeger untie them (§5.2)", kModel, true},
        [](auto& c) -> auto& { return c.model.tied; }));
    s.push_back(choice_setting<C>(
        {"encoder", "Encoder f", "encoder activation f in h = f(W₁x̃ + b₁)",
         "sigmoid in both papers (Bahdanau & Jaeger eq. 1)", kModel, true},
        activations, [](auto& c) -> auto& { return c.model.encoder; }, activation_name, activation_from_name));
    s.push_back(choice_setting<C>(
        {"decoder", "Decoder g", "decoder activation g in r(x) = g(W₂h + b₂)",
         "sigmoid in both papers (Bahdanau & Jaeger eq. 2)", kModel, true},
        activations, [](auto& c) -> auto& { return c.model.decoder; }, activation_name, activation_from_name));
    s.push_back(choice_setting<C>(
        {"init", "Initialisation",
         "weight initialisation: glorot (uniform ±√6/√(n_in + n_out)) or glorot-sigmoid (4× that range)",
         "Glorot & Bengio 2010, which Bahdanau & Jaeger §5.3 name; ×4 for sigmoid units as in the Theano "
         "tutorials",
         kModel, true},
        std::vector<InitScheme>{InitScheme::GlorotUniform, InitScheme::GlorotUniformSigmoid},
        [](auto& c) -> auto& { return c.init; }, init_scheme_name, init_scheme_from_name));
    s.push_back(choice_setting<C>(
        {"corruption", "Corruption", "corruption q(x̃|x): gaussian, masking, salt-pepper or none",
         "masking ν (Vincent et al. §2.3), Gaussian σ (Bahdanau & Jaeger §5.2), salt-and-pepper", kNoise},
        std::vector<CorruptionType>{CorruptionType::Gaussian, CorruptionType::Masking, CorruptionType::SaltPepper,
                                    CorruptionType::None},
        [](auto& c) -> auto& { return c.corruption.type; }, corruption_name, corruption_from_name));
    auto level = number_setting<C>(
        {"level", "Training noise level", "corruption level: σ for gaussian, ν (a fraction) for masking / salt-pepper",
         "σ = 0.3, 0.5, 0.7 in Bahdanau & Jaeger; ν = 0.25 in Vincent et al.", kNoise},
        {0, 5}, 0.05, [](auto& c) -> auto& { return c.corruption.level; });
    level.range_for = [](const C& c) { return OptionRange{0, max_level(c.corruption.type)}; };
    s.push_back(level);
    s.push_back(choice_setting<C>(
        {"loss", "Loss", "reconstruction error Err: squared-error or cross-entropy",
         "squared error Σ(x − o)² in Bahdanau & Jaeger; cross-entropy in Vincent et al. §2.2", kNoise, true},
        std::vector<Loss>{Loss::SquaredError, Loss::CrossEntropy}, [](auto& c) -> auto& { return c.loss; }, loss_name,
        loss_from_name));
    s.push_back(whole_setting<C>(
        {"walkback", "Walkback steps k", "walkback steps k (1 = an ordinary DAE)",
         "L = (1/k) Σ Err(x, rⁱ(x̃)), Bahdanau & Jaeger eq. 8", kNoise},
        {1, 100}, 1, [](auto& c) -> auto& { return c.walkback; }));
    s.push_back(choice_setting<C>(
        {"walkback-variant", "Walkback variant",
         "for k > 1: bahdanau-jaeger (back-propagate through r^i(x̃)), bengio (corrupt each reconstruction again, no "
         "back-propagation), samples-no-bptt, bptt-no-samples",
         "Bahdanau & Jaeger eq. 8; Bengio et al. 2013; the two halves separate (Bahdanau & Jaeger §7)", kNoise, true},
        std::vector<WalkbackVariant>{WalkbackVariant::BahdanauJaeger, WalkbackVariant::Bengio,
                                     WalkbackVariant::SamplesNoBptt, WalkbackVariant::BpttNoSamples},
        [](auto& c) -> auto& { return c.walkback_variant; }, walkback_variant_name, walkback_variant_from_name));
    s.push_back(whole_setting<C>(
        {"batch", "Minibatch b", "minibatch size b", "20 or 50 in Bahdanau & Jaeger §5.3", kSgd}, {1, 1e9}, 10,
        [](auto& c) -> auto& { return c.batch; }));
    auto rate = number_setting<C>(
        {"learning-rate", "Learning rate ρ", "learning rate ρ (1e-2 is accepted)", "0.1 in Bahdanau & Jaeger §5.3",
         kSgd, true},
        {0, 1000}, 0.01, [](auto& c) -> auto& { return c.learning_rate; });
    rate.range.min_open = true;
    s.push_back(rate);
    auto annealing = number_setting<C>(
        {"annealing", "Annealing α", "annealing factor α: ρ ← αρ after every epoch",
         "0.99 or 0.999 in Bahdanau & Jaeger §5.3", kSgd, true},
        {0, 1}, 0.001, [](auto& c) -> auto& { return c.annealing; });
    annealing.range.min_open = true;
    s.push_back(annealing);
    s.push_back(whole_setting<C>(
        {"epochs", "Epochs N", "epochs N", "100, 250 or 500 in Bahdanau & Jaeger §5.3", kSgd}, {1, 1e6}, 10,
        [](auto& c) -> auto& { return c.epochs; }));
    s.push_back(choice_setting<C>(
        {"order", "Minibatch order",
         "circular (one shuffle, the same order every epoch) or reshuffle (a new order every epoch)",
         "\"The minibatches were traversed in a circular order\", Bahdanau & Jaeger §5.3", kSgd, true},
        std::vector<MinibatchOrder>{MinibatchOrder::Circular, MinibatchOrder::Reshuffle},
        [](auto& c) -> auto& { return c.order; }, minibatch_order_name, minibatch_order_from_name));
    s.push_back(number_setting<C>(
        {"momentum", "Momentum μ", "momentum μ: v ← μv − ρ∇L (0 = plain SGD)", "0, plain SGD, in both papers", kSgd,
         true},
        {0, 0.999999}, 0.1, [](auto& c) -> auto& { return c.momentum; }));
    s.push_back(whole_setting<C>(
        {"seed", "Seed", "random seed: initialisation, order and corruption derive from it",
         "the same seed gives the same run, bit for bit", kSgd, true},
        {0, 4.6e18}, 1, [](auto& c) -> auto& { return c.seed; }));
    s.push_back(number_setting<C>(
        {"sparsity", "Sparsity λ", "λ of the sparsity penalty λ‖h‖₁", "Goodfellow et al. §14.2.1", kRegularisers, true},
        {0, 1e6}, 0.001, [](auto& c) -> auto& { return c.regularization.sparsity; }));
    s.push_back(number_setting<C>(
        {"contraction", "Contraction λ", "λ of the contractive penalty λ‖∂h/∂x‖²_F",
         "Rifai et al. 2011; Goodfellow et al. §14.7", kRegularisers, true},
        {0, 1e6}, 0.01, [](auto& c) -> auto& { return c.regularization.contraction; }));
    s.push_back(number_setting<C>(
        {"weight-decay", "Weight decay λ", "λ of the weight decay (λ/2)‖W‖²", "", kRegularisers, true}, {0, 1e6},
        0.0001, [](auto& c) -> auto& { return c.regularization.weight_decay; }));
    return s;
}

}  // namespace

const std::vector<TrainingSetting>& training_settings() {
    static const std::vector<TrainingSetting> schema = make_schema();
    return schema;
}

const TrainingSetting* find_training_setting(const std::string& key) {
    for (const auto& s : training_settings())
        if (key == s.key) return &s;
    return nullptr;
}

bool set_training_option(TrainingConfig& c, const std::string& key, const std::string& value, std::string* why) {
    return set_setting(training_settings(), c, key, value, why);
}

std::vector<std::pair<std::string, std::string>> training_options(const TrainingConfig& c) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& s : training_settings())
        out.emplace_back(s.key, s.get(c));
    return out;
}

}  // namespace dae
