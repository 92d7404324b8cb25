# PyTorch version of a network from nn-playground, written by the playground's
# "PyTorch code" export: the same inputs, layers, activations, output unit and
# loss (with the playground's 1/2 in squared errors), label encoding,
# optimizer, L1/L2 step, the playground's own points with their train/test
# flags, and its weights at full float64 precision.
#
# {{HEADER}}
#
# Usage
#   python3 this_file.py [steps]    evaluates the exported weights on the points,
#                                   then trains for [steps] mini-batch steps (by
#                                   default ten epochs)
#   python3 this_file.py --check N [K]
#                                   prints JSON: the output unit at every point
#                                   for the exported weights, the weights after
#                                   N steps, and every K steps the training loss
#                                   and the weights
#
# This script continues the playground's run exactly, for as long as you train:
# - the optimizer starts from the playground's state (its momentum buffers,
#   moving averages, sums and step count: OPTIMIZER_STATE below);
# - the batches come from the playground's own random generator, written out
#   below in a few lines and started from the state it had reached: the
#   script goes on through the playground's order of the training points and,
#   at each epoch's end, shuffles it as the playground does, so every later
#   epoch matches the playground's too.

import json
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

# --- the settings: the code below reads these ---------------------------------
FEATURES = {{FEATURES}}  # the network's inputs, from each point's (x1, x2)
HIDDEN = {{HIDDEN}}  # (width, activation, alpha) of each hidden layer
OUTPUT = {{OUTPUT}}  # output unit and loss
CLASSES = {{CLASSES}}  # 0: regression (the labels are values)
OPTIMIZER = {{OPTIMIZER}}
LEARNING_RATE = {{LEARNING_RATE}}
MOMENTUM = {{MOMENTUM}}  # momentum and nesterov
RHO = {{RHO}}  # rmsprop's moving average (PyTorch's alpha)
BETAS = {{BETAS}}  # adam
EPSILON = {{EPSILON}}  # rmsprop, adam, adagrad
BATCH_SIZE = {{BATCH_SIZE}}
REGULARIZATION = {{REGULARIZATION}}  # "none", "l1" or "l2", on the weights only
REG_RATE = {{REG_RATE}}
SHUFFLE = {{SHUFFLE}}  # a new order of the training points every epoch
SEED = {{SEED}}  # the playground's seed: its data, first weights and shuffle came from it


# --- inputs ---------------------------------------------------------------------
FEATURE_FUNCTIONS = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1sq": lambda x1, x2: x1 * x1,
    "x2sq": lambda x1, x2: x2 * x2,
    "x1x2": lambda x1, x2: x1 * x2,
    "sin_x1": lambda x1, x2: torch.sin(x1),
    "sin_x2": lambda x1, x2: torch.sin(x2),
    "cos_x1": lambda x1, x2: torch.cos(x1),
    "cos_x2": lambda x1, x2: torch.cos(x2),
}


def features(x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """One column per entry of FEATURES."""
    return torch.stack([FEATURE_FUNCTIONS[f](x1, x2) for f in FEATURES], dim=1)


# --- the network ----------------------------------------------------------------
class Step(nn.Module):
    """Heaviside step: 1 where z >= 0, else 0, with derivative 0 as in the playground.
    torch.heaviside has no gradient, so it runs on a detached z, and 0 * sign(z)
    (whose gradient is 0) keeps z in the graph."""

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return torch.heaviside(z.detach(), torch.ones_like(z)) + 0.0 * torch.sign(z)


class Lambda(nn.Module):
    """An element-wise function as a layer (sign, arctan, |z|)."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.f(z)


ACTIVATIONS = {
    "linear": lambda alpha: nn.Identity(),
    "step": lambda alpha: Step(),
    "sign": lambda alpha: Lambda(torch.sign),  # derivative 0
    "sigmoid": lambda alpha: nn.Sigmoid(),
    "tanh": lambda alpha: nn.Tanh(),
    "arctan": lambda alpha: Lambda(torch.atan),
    "relu": lambda alpha: nn.ReLU(),
    "leaky_relu": lambda alpha: nn.LeakyReLU(negative_slope=alpha),
    "elu": lambda alpha: nn.ELU(alpha=alpha),
    "selu": lambda alpha: nn.SELU(),
    "silu": lambda alpha: nn.SiLU(),
    # Above z = 40, log(1 + e^z) equals z in float64: the threshold changes no value.
    "softplus": lambda alpha: nn.Softplus(beta=1.0, threshold=40.0),
    "gelu": lambda alpha: nn.GELU(approximate="none"),
    "abs": lambda alpha: Lambda(torch.abs),  # derivative sign(z)
}


def build_model(outputs: int) -> nn.Sequential:
    """Weight layers z = W a + b, with each hidden layer's activation after it."""
    layers, width = [], len(FEATURES)
    for w, activation, alpha in HIDDEN:
        layers += [nn.Linear(width, w), ACTIVATIONS[activation](alpha)]
        width = w
    layers.append(nn.Linear(width, outputs))  # the output layer: the scores z
    return nn.Sequential(*layers).to(torch.float64)


def load_weights(model: nn.Sequential, trained: list) -> None:
    """trained[l] = (weight, bias); weight[i][j] connects input j to neuron i, as nn.Linear stores it."""
    linears = [m for m in model if isinstance(m, nn.Linear)]
    assert len(linears) == len(trained)
    with torch.no_grad():
        for layer, (weight, bias) in zip(linears, trained):
            layer.weight.copy_(torch.tensor(weight))
            layer.bias.copy_(torch.tensor(bias))


# --- output unit, targets and loss -----------------------------------------------
def plus_minus_one(labels: torch.Tensor) -> torch.Tensor:
    return ((labels > 0).double() * 2.0 - 1.0).unsqueeze(1)  # class 1 -> +1, class 0 -> -1


def zero_one(labels: torch.Tensor) -> torch.Tensor:
    return (labels > 0).double().unsqueeze(1)  # class 1 -> 1, class 0 -> 0


def values(labels: torch.Tensor) -> torch.Tensor:
    return labels.unsqueeze(1)


def perceptron_loss(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """max(0, -y z): its gradient is -y exactly where y z <= 0 (a mistake, z = 0 included),
    so SGD with batch size 1 is Rosenblatt's rule w <- w + lr y x."""
    return torch.where(y * z <= 0, -y * z, torch.zeros_like(z)).mean()


# OUTPUT -> (output unit, targets from labels, loss from the scores z; each the mean over the batch).
OUTPUTS = {
    "tanh_mse": (torch.tanh, values if CLASSES == 0 else plus_minus_one,
                 lambda z, y: 0.5 * F.mse_loss(torch.tanh(z), y)),
    # -y ln a - (1 - y) ln(1 - a) with a = sigmoid z, computed from z; its gradient is a - y.
    "sigmoid_bce": (torch.sigmoid, zero_one, nn.BCEWithLogitsLoss()),
    # 1/2 (a - y)^2: its gradient (a - y) a (1 - a) vanishes where the sigmoid saturates.
    "sigmoid_mse": (torch.sigmoid, zero_one, lambda z, y: 0.5 * F.mse_loss(torch.sigmoid(z), y)),
    # logsumexp(z) - z_y = -ln softmax(z)_y; gradient softmax(z) - onehot(y).
    "softmax_ce": (lambda z: torch.softmax(z, dim=1), lambda labels: labels.long(), nn.CrossEntropyLoss()),
    "linear_hinge": (lambda z: z, plus_minus_one, lambda z, y: F.relu(1.0 - y * z).mean()),
    "linear_mse": (lambda z: z, values, lambda z, y: 0.5 * F.mse_loss(z, y)),
    "linear_mae": (lambda z: z, values, nn.L1Loss()),
    "perceptron": (torch.sign, plus_minus_one, perceptron_loss),
}
output_unit, targets, loss_fn = OUTPUTS[OUTPUT]


def predicted_class(z: torch.Tensor) -> torch.Tensor:
    return z.argmax(dim=1) if OUTPUT == "softmax_ce" else (z[:, 0] > 0).long()  # one score: class 1 where z > 0


# --- training ---------------------------------------------------------------------
def make_optimizer(model: nn.Sequential) -> torch.optim.Optimizer:
    p = model.parameters()
    if OPTIMIZER == "sgd":
        return torch.optim.SGD(p, lr=LEARNING_RATE)
    if OPTIMIZER == "momentum":
        return torch.optim.SGD(p, lr=LEARNING_RATE, momentum=MOMENTUM)
    if OPTIMIZER == "nesterov":
        # PyTorch refuses nesterov=True without momentum; with momentum 0 it is plain SGD.
        return torch.optim.SGD(p, lr=LEARNING_RATE, momentum=MOMENTUM, nesterov=MOMENTUM > 0)
    if OPTIMIZER == "rmsprop":
        return torch.optim.RMSprop(p, lr=LEARNING_RATE, alpha=RHO, eps=EPSILON)
    if OPTIMIZER == "adam":
        return torch.optim.Adam(p, lr=LEARNING_RATE, betas=BETAS, eps=EPSILON)
    if OPTIMIZER == "adagrad":
        return torch.optim.Adagrad(p, lr=LEARNING_RATE, eps=EPSILON)
    raise ValueError(f"unknown optimizer {OPTIMIZER}")


def regularize(model: nn.Sequential) -> None:
    """The L1/L2 penalty on the weights (never the biases), applied after each optimizer step
    as TensorFlow Playground does: L2 (1/2 sum w^2): w <- w - lr rate w; L1 (sum |w|):
    w <- w - lr rate sign(w), and a weight this step would carry across zero becomes exactly 0."""
    step = LEARNING_RATE * REG_RATE
    if REGULARIZATION == "none" or step <= 0:
        return
    with torch.no_grad():
        for layer in model:
            if isinstance(layer, nn.Linear):
                w = layer.weight
                if REGULARIZATION == "l2":
                    w.mul_(1.0 - step)
                else:
                    shrunk = w - step * torch.sign(w)
                    w.copy_(torch.where(shrunk * w < 0, torch.zeros_like(w), shrunk))


# --- the playground's random generator (engine/rng.cpp) -----------------------
# xoshiro256** on 64-bit unsigned integers (MASK keeps Python's integers to 64
# bits). The playground started it from SEED with splitmix64 (seeded below);
# SHUFFLE_STATE is where it had got to when this script was exported.
MASK = (1 << 64) - 1


def rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (64 - k))) & MASK


class PlaygroundRandom:
    def __init__(self, state: list):
        self.s = list(state)  # four 64-bit words

    @staticmethod
    def seeded(seed: int, stream: int) -> "PlaygroundRandom":
        """How the playground starts a generator: splitmix64 fills the four words
        (stream 3 is the shuffle's: one generator per use of the seed)."""
        x, state = seed ^ (stream * 0xD1B54A32D192ED03 & MASK), []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            state.append(z ^ (z >> 31))
        return PlaygroundRandom(state)

    def next(self) -> int:
        s = self.s
        result = rotl(s[1] * 5 & MASK, 7) * 9 & MASK
        t = s[1] << 17 & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, n: int) -> int:
        """A whole number in [0, n), each equally likely (draws past the last full multiple of n are redrawn)."""
        limit = MASK - MASK % n
        while True:
            r = self.next()
            if r < limit:
                return r % n


def shuffle(order: list, rng: PlaygroundRandom) -> None:
    """Fisher-Yates in place, as the playground shuffles (engine/rng.hpp)."""
    for i in range(len(order) - 1, 0, -1):
        j = rng.below(i + 1)
        order[i], order[j] = order[j], order[i]


def batches(train: list):
    """The playground's batches from where it stopped, forever: BATCH_SIZE points at a
    time through the epoch's order (the last batch of an epoch may be smaller); at each
    epoch's end the generator shuffles that order again, as the playground does."""
    rng, order, position = PlaygroundRandom(SHUFFLE_STATE), list(ORDER), POSITION
    while train:
        for start in range(position, len(order), BATCH_SIZE):
            yield [train[i] for i in order[start:start + BATCH_SIZE]]
        position = 0
        if SHUFFLE:
            shuffle(order, rng)


# --- the optimizer's state ----------------------------------------------------------
def load_optimizer_state(optimizer: torch.optim.Optimizer, model: nn.Sequential) -> None:
    """Where the playground's optimizer had got to: OPTIMIZER_STATE holds, for each
    weight and bias, the tensors PyTorch's optimizer keeps under the same names
    (momentum_buffer; square_avg; exp_avg and exp_avg_sq; sum), and OPTIMIZER_STEP the
    updates so far (Adam's bias correction counts them)."""
    linears = [m for m in model if isinstance(m, nn.Linear)]
    for layer, (weight_state, bias_state) in zip(linears, OPTIMIZER_STATE):
        for param, saved in ((layer.weight, weight_state), (layer.bias, bias_state)):
            state = {name: torch.tensor(values) for name, values in saved.items()}
            if OPTIMIZER in ("adam", "adagrad"):
                state["step"] = torch.tensor(float(OPTIMIZER_STEP))  # these keep the count as a tensor
            elif OPTIMIZER == "rmsprop":
                state["step"] = OPTIMIZER_STEP
            optimizer.state[param] = state


class Session:
    """The points, their features and targets, the model with the exported weights, and its optimizer."""

    def __init__(self):
        data = torch.tensor(POINTS).reshape(-1, 4)
        self.x = features(data[:, 0], data[:, 1])
        self.labels = data[:, 2]
        self.y = targets(self.labels)
        self.train = [i for i, p in enumerate(POINTS) if p[3] == 0]
        self.test = [i for i, p in enumerate(POINTS) if p[3] == 1]
        self.model = build_model(len(TRAINED[-1][1]))
        load_weights(self.model, TRAINED)
        self.optimizer = make_optimizer(self.model)
        load_optimizer_state(self.optimizer, self.model)

    def step(self, batch: list) -> None:
        self.optimizer.zero_grad()
        loss_fn(self.model(self.x[batch]), self.y[batch]).backward()
        self.optimizer.step()
        regularize(self.model)

    def outputs(self) -> torch.Tensor:
        with torch.no_grad():
            return output_unit(self.model(self.x))

    def loss(self, rows: list) -> float:
        with torch.no_grad():
            return loss_fn(self.model(self.x[rows]), self.y[rows]).item()

    def evaluate(self, rows: list) -> str:
        if not rows:
            return "no points"
        with torch.no_grad():
            z = self.model(self.x[rows])
            text = f"loss {loss_fn(z, self.y[rows]).item():.6f}"
            if CLASSES > 0:
                correct = (predicted_class(z) == self.labels[rows].long()).double().mean().item()
                text += f", accuracy {100 * correct:.1f} %"
        return text

    def weights(self) -> list:
        linears = [m for m in self.model if isinstance(m, nn.Linear)]
        return [[m.weight.tolist(), m.bias.tolist()] for m in linears]


def check(steps: int, every: int = 0) -> dict:
    """The output unit at every point, then the weights after `steps` steps, and every
    `every` steps the training loss and the weights: what the playground's tests
    compare with the engine."""
    s = Session()
    outputs = s.outputs().tolist()
    trace = []
    for k, batch in zip(range(1, steps + 1), batches(s.train)):
        s.step(batch)
        if every and k % every == 0:
            trace.append({"step": k, "train_loss": s.loss(s.train), "weights": s.weights()})
    return {"outputs": outputs, "weights": s.weights(), "trace": trace}


def main() -> None:
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--check":
        print(json.dumps(check(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) == 4 else 0)))
        return
    s = Session()
    per_epoch = max(1, math.ceil(len(s.train) / BATCH_SIZE))
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 10 * per_epoch
    print(f"exported weights: train {s.evaluate(s.train)}; test {s.evaluate(s.test)}")
    for k, batch in zip(range(1, steps + 1), batches(s.train)):
        s.step(batch)
        if k % per_epoch == 0 or k == steps:
            print(f"step {k}: train {s.evaluate(s.train)}; test {s.evaluate(s.test)}")


# --- the data -----------------------------------------------------------------------
# POINTS: x1, x2, label, test (1 = held out), in the playground's order.
POINTS = {{POINTS}}

# The trained weights, first layer first: (weight, bias), weight[i][j] from input j to neuron i.
TRAINED = {{TRAINED}}

# Where the shuffle was: the generator's state, this epoch's order of the training
# points (ORDER[k] is the k-th training point in POINTS' order) and how many of
# them the epoch had used.
SHUFFLE_STATE = {{SHUFFLE_STATE}}
ORDER = {{ORDER}}
POSITION = {{POSITION}}

# The optimizer's state, first layer first: (weight's, bias's), each {name: values}
# shaped as the weight or bias; empty for plain SGD, which keeps none.
OPTIMIZER_STEP = {{OPTIMIZER_STEP}}
OPTIMIZER_STATE = {{OPTIMIZER_STATE}}

if __name__ == "__main__":
    main()
