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
#                                   default the number of batches written below)
#   python3 this_file.py --check N  prints JSON: the output unit at every point
#                                   for the exported weights, and the weights
#                                   after N steps
#
# Training order. The playground shuffles its training points with its own
# generator (xoshiro256**, reshuffled at every epoch's end). Rather than imitate
# it, the export writes out the batches the playground was about to use
# (BATCHES, indices into POINTS), so step k here uses the playground's k-th next
# batch. After those, this script goes on with PyTorch's generator.
# The optimizer state (momentum, the moving averages of RMSprop, Adam and
# Adagrad) starts from zero here: from weights at step 0, or with plain SGD,
# these steps give the playground's weights; later, the state the playground
# had built up is not in the file.

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
SHUFFLE = {{SHUFFLE}}  # reshuffle the training points every epoch (after BATCHES)
SEED = {{SEED}}  # seeds PyTorch's generator for the batches after BATCHES


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


def batches(train: list):
    """The playground's next batches (BATCHES), then PyTorch's own: BATCH_SIZE points at a time
    through the training points, in a new random order each epoch if SHUFFLE."""
    yield from BATCHES
    if not train:
        return
    generator = torch.Generator().manual_seed(SEED)
    while True:
        order = torch.randperm(len(train), generator=generator).tolist() if SHUFFLE else range(len(train))
        order = [train[i] for i in order]
        for start in range(0, len(order), BATCH_SIZE):
            yield order[start:start + BATCH_SIZE]


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

    def step(self, batch: list) -> None:
        self.optimizer.zero_grad()
        loss_fn(self.model(self.x[batch]), self.y[batch]).backward()
        self.optimizer.step()
        regularize(self.model)

    def outputs(self) -> torch.Tensor:
        with torch.no_grad():
            return output_unit(self.model(self.x))

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


def check(steps: int) -> dict:
    """The output unit at every point, then the weights after `steps` steps: what the
    playground's tests compare with the engine."""
    s = Session()
    outputs = s.outputs().tolist()
    for batch, _ in zip(batches(s.train), range(steps)):
        s.step(batch)
    return {"outputs": outputs, "weights": s.weights()}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        print(json.dumps(check(int(sys.argv[2]))))
        return
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else len(BATCHES)
    s = Session()
    print(f"exported weights: train {s.evaluate(s.train)}; test {s.evaluate(s.test)}")
    per_epoch = max(1, math.ceil(len(s.train) / BATCH_SIZE))
    for k, batch in zip(range(1, steps + 1), batches(s.train)):
        s.step(batch)
        if k % per_epoch == 0 or k == steps:
            print(f"step {k}: train {s.evaluate(s.train)}; test {s.evaluate(s.test)}")


# --- the data -----------------------------------------------------------------------
# POINTS: x1, x2, label, test (1 = held out), in the playground's order.
POINTS = {{POINTS}}

# The trained weights, first layer first: (weight, bias), weight[i][j] from input j to neuron i.
TRAINED = {{TRAINED}}

# The playground's next mini-batches: indices into POINTS, in the order it would train on them.
BATCHES = {{BATCHES}}

if __name__ == "__main__":
    main()
