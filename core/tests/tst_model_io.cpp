// Model files and .npz: bit-exact round trips, and each kind of damage rejected with its message.
#include "check.h"
#include "dae/error.h"
#include "dae/files.h"
#include "dae/model_io.h"
#include "dae/provenance.h"

#include <cmath>
#include <filesystem>
#include <iterator>
#include <sstream>
#include <string>

using namespace dae;

namespace {

Autoencoder trained_like(bool tied, Activation enc = Activation::Sigmoid, Activation dec = Activation::Sigmoid) {
    ModelConfig c;
    c.visible = 12;
    c.hidden = 5;
    c.tied = tied;
    c.encoder = enc;
    c.decoder = dec;
    Autoencoder m(c);
    m.initialize(InitScheme::GlorotUniform, 3);
    Rng rng(4);
    for (Index j = 0; j < m.b1.size(); ++j)
        m.b1(j) = rng.uniform(-1, 1);
    for (Index j = 0; j < m.b2.size(); ++j)
        m.b2(j) = rng.uniform(-1, 1);
    return m;
}

// Runs `code` in `python` with these arguments: its standard output, or "python failed".
std::string run_python(const std::string& python, const std::string& code, const std::vector<std::string>& args) {
    std::string command = python + " -c " + test::shell_quote(code);
    for (const std::string& a : args) {
        command += ' ';
        command += test::shell_quote(a);
    }
    int status = 0;
    const std::string out = test::run_command(command, &status);
    if (status == 0) return out;
    std::string failed = "python failed, exit status ";
    failed += std::to_string(status);
    return failed;
}

std::string error_of(const std::vector<std::uint8_t>& bytes) {
    return test::error_message([&] { parse_model(bytes, "m.dae"); });
}

}  // namespace

static void saveLoadRoundTripIsBitExact(bool tied) {
    const test::TempDir dir;
    const std::string path = dir.file("m.dae");
    SavedModel s{trained_like(tied, Activation::Tanh, Activation::Sigmoid), {}};
    s.provenance.dataset = "mnist";
    s.provenance.split = SplitSpec{SplitSpec::Rule::Ordered, 50000, 10000, 1};
    TrainingConfig c = TrainingConfig::bahdanau2014();
    c.model = s.model.config();
    c.corruption.level = 0.7;
    s.provenance.settings = c;
    s.provenance.threads = 2;
    s.provenance.epochs_trained = 7;
    s.provenance.status = "finished";
    s.provenance.extra = {{"a-later-key", "kept as read"}};
    // Learning curves keep every digit of their losses (0.1 + 2⁻⁴⁰ is not 0.1 to 6 digits) and
    // no timings; an epoch with a value that is not finite is left out.
    EpochReport e;
    e.epoch = 0;
    e.train_loss = 0.1 + std::ldexp(1.0, -40);
    e.validation_loss = 12.345678901234;
    e.validation_clean_mse = -1;
    e.learning_rate = 0.099;
    e.seconds = 3.5;
    e.samples_per_second = 1234;
    EpochReport diverged = e;
    diverged.epoch = 1;
    diverged.validation_loss = std::nan("");
    s.provenance.curves = {e, diverged};
    save_model(path, s);
    const SavedModel back = load_model(path);
    REQUIRE(back.model == s.model);
    Provenance expected = s.provenance;
    expected.version = daelab_version();  // written by this program
    e.seconds = e.samples_per_second = 0;
    expected.curves = {e};
    REQUIRE(back.provenance == expected);
    // The header alone (a list of many runs reads only that) gives the same provenance.
    REQUIRE(read_model_provenance(path) == expected);
    // Saving again over it replaces it atomically (no leftover temporary files).
    save_model(path, s);
    REQUIRE(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
    // Structural keys cannot be smuggled in as provenance.
    SavedModel smuggled = s;
    smuggled.provenance.extra = {{"tied", "1"}};
    REQUIRE_THROWS_AS(serialize_model(smuggled), Error);
}

TEST_CASE("TestModelIo::saveLoadRoundTripIsBitExact") {
    SUBCASE("untied") { saveLoadRoundTripIsBitExact(false); }
    SUBCASE("tied") { saveLoadRoundTripIsBitExact(true); }
}

TEST_CASE("TestModelIo::provenanceOfEarlierFilesIsReadTheSameWay") {
    // Version 0.1 wrote "split.held-out" and meant the embedded digits by "mnist".
    const Provenance p = provenance_from_metadata({{"dataset", "mnist"},
                                                   {"split.seed", "3"},
                                                   {"split.train", "8000"},
                                                   {"split.held-out", "2000"},
                                                   {"train.walkback", "3"}},
                                                  "old.dae");
    REQUIRE(p.dataset == std::string("mnist-10k"));
    REQUIRE(p.split.has_value());
    REQUIRE(p.split->validation == Index{2000});
    REQUIRE(p.split->train == Index{8000});
    REQUIRE(p.split->seed == std::uint64_t{3});
    REQUIRE(p.split->rule == SplitSpec::Rule::Shuffled);
    REQUIRE(p.settings->walkback == 3);
    // It does not claim this program's version, and saved again it reads back the same: neither
    // as this version's file nor with its data set's id mapped a second time.
    REQUIRE(p.version == std::string(kUnknownVersion));
    REQUIRE(provenance_from_metadata(provenance_to_metadata(p), "again.dae") == p);
    // Files before 0.3 did not record the minibatch order: they reshuffled every epoch. Today's
    // record it, and read back what they wrote.
    REQUIRE(p.settings->order == MinibatchOrder::Reshuffle);
    TrainingConfig circular;
    REQUIRE(circular.order == MinibatchOrder::Circular);
    Provenance now;
    now.settings = circular;
    REQUIRE(provenance_from_metadata(provenance_to_metadata(now), "new.dae").settings == circular);
    // A file that says nothing of its split gets the data set's one rule: a fifth held out.
    const Provenance none = provenance_from_metadata({{"dataset", "mnist"}}, "old.dae");
    REQUIRE(!none.split);
    REQUIRE(none.split_or(SplitSpec::held_out_fifth(10003)) == SplitSpec::held_out_fifth(10003));
    REQUIRE(SplitSpec::held_out_fifth(10003).validation == Index{2001});  // round(n/5), not floor
    REQUIRE_THROWS_AS(provenance_from_metadata({{"split.train", "x"}, {"split.validation", "1"}}, "bad.dae"), Error);
}
static void damagedFilesAreRejected(int damage, const std::string& expected) {
    auto bytes = serialize_model({trained_like(false), {}});
    switch (damage) {
    case 0: bytes.clear(); break;
    case 1: bytes[0] = 'X'; break;
    case 2: bytes[8] = 99; break;
    case 3: bytes.resize(30); break;
    case 4: bytes.erase(bytes.end() - 10, bytes.end()); break;
    case 5: bytes[bytes.size() - 20] ^= 0x10; break;
    case 6: bytes.push_back(0); break;
    case 7: {
        const std::string key = "hidden=5";
        auto it = std::search(bytes.begin(), bytes.end(), key.begin(), key.end());
        REQUIRE(it != bytes.end());
        *(it + 7) = 'x';
        break;
    }
    case 8: bytes[15] = 0x7F; break;
    case 9: {  // "visible=12" → "tied=1\n..." would need a new length; overwrite "hidden=5\n" with "tied=0\n\n"?
               // keep length:
        const std::string key = "decoder=sigmoid\n";
        auto it = std::search(bytes.begin(), bytes.end(), key.begin(), key.end());
        REQUIRE(it != bytes.end());
        const std::string repl = "tied=0\nx=123456\n";  // same length as the line it replaces
        REQUIRE(repl.size() == key.size());
        std::copy(repl.begin(), repl.end(), it);
        break;
    }
    }
    const std::string message = error_of(bytes);
    REQUIRE_MESSAGE(test::starts_with(message, "m.dae: "), message);
    REQUIRE_MESSAGE(test::contains(message, expected), message);
    // Reading the header alone finds every damage up to the end of the header, and names the file.
    if (damage <= 3 || damage >= 7) {
        const test::TempDir dir;
        const std::string path = dir.file("m.dae");
        write_file_atomic(path, bytes);
        const std::string header = test::error_message([&] { read_model_provenance(path); });
        REQUIRE_MESSAGE((test::starts_with(header, path + ": ") && test::contains(header, expected)), header);
    }
}

TEST_CASE("TestModelIo::damagedFilesAreRejected") {
    SUBCASE("empty") { damagedFilesAreRejected(0, "truncated"); }
    SUBCASE("bad magic") { damagedFilesAreRejected(1, "bad magic"); }
    SUBCASE("future version") { damagedFilesAreRejected(2, "version 99 is not supported"); }
    SUBCASE("cut in the header") { damagedFilesAreRejected(3, "truncated"); }
    SUBCASE("cut in the weights") { damagedFilesAreRejected(4, "truncated: a 12-5-12 untied model needs"); }
    SUBCASE("flipped weight bit") { damagedFilesAreRejected(5, "checksum mismatch"); }
    SUBCASE("trailing bytes") { damagedFilesAreRejected(6, "unexpected bytes"); }
    SUBCASE("corrupt hidden size") { damagedFilesAreRejected(7, "hidden="); }
    SUBCASE("absurd header length") { damagedFilesAreRejected(8, "header length"); }
    SUBCASE("duplicate key") { damagedFilesAreRejected(9, "'tied' appears twice"); }
}
TEST_CASE("TestModelIo::nonFiniteWeightsAreRefused") {
    SavedModel s{trained_like(false), {}};
    s.model.w1(0, 0) = std::nanf("");
    const std::string message = error_of(serialize_model(s));  // the CRC is right: only the values are bad
    REQUIRE_MESSAGE(test::contains(message, "NaN or infinite"), message);
    SavedModel empty{Autoencoder(), {}};
    empty.model = Autoencoder(ModelConfig{});
    empty.model.w1.resize(0, 0);
    REQUIRE_THROWS_AS(serialize_model(empty), Error);  // shapes must match the config
}
static void npzRoundTripIsBitExact(bool tied) {
    const test::TempDir dir;
    const std::string path = dir.file("m.npz");
    const Autoencoder m = trained_like(tied);
    export_npz(path, m);
    const Autoencoder back = import_npz(path);
    REQUIRE(back.config().tied == tied);  // W2 = W1ᵀ exactly is recognised
    REQUIRE(back == m);
}

TEST_CASE("TestModelIo::npzRoundTripIsBitExact") {
    SUBCASE("untied") { npzRoundTripIsBitExact(false); }
    SUBCASE("tied") { npzRoundTripIsBitExact(true); }
}
TEST_CASE("TestModelIo::npzLoadsInNumPy") {
    // The real consumer: NumPy reads our file with the documented shapes and r(x) agrees.
    const std::string python = test::python_with_numpy();
    if (python.empty()) {
        test::skip("python3-numpy is not installed (scripts/setup.sh installs it)");
        return;
    }
    const test::TempDir dir;
    const std::string path = dir.file("m.npz");
    const Autoencoder m = trained_like(false);
    export_npz(path, m);
    Matrix x = Matrix::Constant(12, 1, 0.25f);
    const Matrix r = m.reconstruct(x);
    const std::string out =
        run_python(python,
                   "import numpy as np, sys\n"
                   "z = np.load(sys.argv[1])\n"
                   "s = lambda a: 1 / (1 + np.exp(-a))\n"
                   "assert z['W1'].shape == (5, 12) and z['W2'].shape == (12, 5)\n"
                   "assert z['b1'].shape == (5,) and z['b2'].shape == (12,) and z['W1'].dtype == np.float32\n"
                   "r = s(z['W2'] @ s(z['W1'] @ np.full(12, 0.25, np.float32) + z['b1']) + z['b2'])\n"
                   "print(' '.join('%.7f' % v for v in r))\n",
                   {path});
    std::istringstream values(out);
    int read = 0;
    for (double v = 0; values >> v; ++read)
        REQUIRE_MESSAGE(std::abs(v - r(read, 0)) < 1e-5, out);
    REQUIRE_MESSAGE(read == 12, out);
}
TEST_CASE("TestModelIo::damagedNpzIsRejected") {
    const test::TempDir dir;
    const std::string path = dir.file("m.npz");
    export_npz(path, trained_like(false));
    auto bytes = read_file(path);
    auto message = [&](std::vector<std::uint8_t> b) {
        try {
            import_npz_bytes(b, "m.npz");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    REQUIRE(test::contains(message({1, 2, 3}), "not a valid .npz archive"));
    auto cut = bytes;
    cut.resize(cut.size() / 2);
    REQUIRE_MESSAGE(test::starts_with(message(cut), "m.npz: "), message(cut));
    REQUIRE(test::contains(message({}), "not a valid .npz archive"));
}
TEST_CASE("TestModelIo::npzFromNumPyInEveryLayout") {
    // NumPy writes C order (and float64, and deflate with savez_compressed): all must import,
    // and inconsistent shapes must be named.
    const std::string python = test::python_with_numpy();
    if (python.empty()) {
        test::skip("python3-numpy is not installed (scripts/setup.sh installs it)");
        return;
    }
    const test::TempDir dir;
    const std::string good = dir.file("good.npz"), bad = dir.file("bad.npz"), f64 = dir.file("f64.npz");
    const std::string out = run_python(python,
                                       "import numpy as np, sys\n"
                                       "W1 = np.arange(60, dtype=np.float32).reshape(5, 12) / 7\n"
                                       "np.savez_compressed(sys.argv[1], W1=W1, b1=np.ones(5, np.float32), "
                                       "W2=W1.T.copy() * 2, b2=np.zeros(12, np.float32))\n"
                                       "np.savez(sys.argv[2], W1=W1, b1=np.ones(5, np.float32), W2=np.zeros((12, 4), "
                                       "np.float32), b2=np.zeros(12, np.float32))\n"
                                       "np.savez(sys.argv[3], W1=W1.astype(np.float64), b1=np.ones(5), "
                                       "W2=W1.T.astype(np.float64), b2=np.zeros(12))\n"
                                       "print('ok')\n",
                                       {good, bad, f64});
    REQUIRE(out == "ok\n");
    const Autoencoder m = import_npz(good);
    REQUIRE(m.hidden() == Index{5});
    REQUIRE(m.visible() == Index{12});
    REQUIRE(!m.config().tied);
    REQUIRE(m.w1(2, 7) == float(2 * 12 + 7) / 7);  // C order read as (row, column)
    REQUIRE(m.w2(7, 2) == 2 * float(2 * 12 + 7) / 7);
    const Autoencoder t = import_npz(f64);
    REQUIRE(t.config().tied);  // W2 = W1ᵀ exactly
    REQUIRE(t.w1(4, 11) == float(4 * 12 + 11) / 7);
    try {
        import_npz(bad);
        FAIL("no error");
    } catch (const Error& e) {
        REQUIRE_MESSAGE(test::contains(e.what(), "W2 has shape (12, 4), expected (12, 5)"), e.what());
    }
}
