#!/usr/bin/python3
# The RhythmVAE configuration in PyTorch (Debian's python3-torch), the reference
# side of bench_train: training samples/s and single-z decode latency.
# Prints one JSON object. Run with /usr/bin/python3 (Debian's torch).
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class DenseBn(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.linear = nn.Linear(n_in, n_out)
        self.norm = nn.BatchNorm1d(n_out, momentum=0.1, eps=1e-3)

    def forward(self, x):
        return F.leaky_relu(self.norm(self.linear(x)), 0.3)


class RhythmVae(nn.Module):
    def __init__(self, steps, voices, latent, hidden=512, dec=1024):
        super().__init__()
        cells = steps * voices
        self.steps, self.voices = steps, voices
        self.hit_branch, self.vel_branch, self.off_branch = DenseBn(cells, hidden), DenseBn(cells, hidden), DenseBn(cells, hidden)
        self.trunk = DenseBn(3 * hidden, hidden)
        self.mu, self.log_var = nn.Linear(hidden, latent), nn.Linear(hidden, latent)
        self.dec = DenseBn(latent, dec)
        self.hit_head, self.vel_head, self.off_head = DenseBn(dec, hidden), DenseBn(dec, hidden), DenseBn(dec, hidden)
        self.hit_out, self.vel_out, self.off_out = nn.Linear(hidden, cells), nn.Linear(hidden, cells), nn.Linear(hidden, cells)

    def encode(self, x):
        b, v = x.shape[0], self.voices
        h = torch.cat([self.hit_branch(x[:, :, :v].reshape(b, -1)), self.vel_branch(x[:, :, v:2 * v].reshape(b, -1)),
                       self.off_branch(x[:, :, 2 * v:].reshape(b, -1))], 1)
        h = self.trunk(h)
        return self.mu(h), self.log_var(h)

    def decode(self, z):
        b = z.shape[0]
        h = self.dec(z)
        shape = (b, self.steps, self.voices)
        return (self.hit_out(self.hit_head(h)).reshape(shape), torch.sigmoid(self.vel_out(self.vel_head(h))).reshape(shape),
                torch.tanh(self.off_out(self.off_head(h))).reshape(shape))


def loss_fn(model, x):
    v = model.voices
    mu, log_var = model.encode(x)
    z = mu + torch.randn_like(mu) * torch.exp(0.5 * log_var)
    hit, vel, off = model.decode(z)
    cells = model.steps * v
    return (F.binary_cross_entropy_with_logits(hit, x[:, :, :v]) * cells + 2.5 * F.mse_loss(vel, x[:, :, v:2 * v]) * cells
            + 5.0 * F.mse_loss(off, x[:, :, 2 * v:]) * cells
            + (-0.5 * (1 + log_var - mu.pow(2) - log_var.exp()).sum(1)).mean())


def random_data(n, steps, voices):
    hits = (torch.rand(n, steps, voices) < 0.15).float()
    return torch.cat([hits, hits * torch.rand(n, steps, voices), hits * (torch.rand(n, steps, voices) * 2 - 1)], 2)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=32)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batches", type=int, default=60)
    p.add_argument("--decodes", type=int, default=2000)
    p.add_argument("--bf16", action="store_true", help="train under torch.autocast('cpu', dtype=torch.bfloat16)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = RhythmVae(a.steps, 9, 2)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    data = random_data(64 * 20, a.steps, 9)
    model.train()
    def run(batches):
        for i in range(batches):
            j = (i % 20) * 64
            # Mixed precision as PyTorch documents it: forward and loss under autocast, backward and step outside.
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.bf16):
                loss = loss_fn(model, data[j:j + 64])
            opt.zero_grad()
            loss.backward()
            opt.step()
    run(5)
    t = time.perf_counter()
    run(a.batches)
    train = 64 * a.batches / (time.perf_counter() - t)
    out = {"steps": a.steps, "threads": a.threads, "bf16": a.bf16, "samples_per_second": train}
    if a.decodes <= 0:
        print(json.dumps(out))
        return
    model.eval()
    lat = []
    with torch.inference_mode():
        z = torch.randn(1, 2)
        for _ in range(100):
            model.decode(z)
        for _ in range(a.decodes):
            t = time.perf_counter()
            model.decode(z)
            lat.append((time.perf_counter() - t) * 1e6)
    lat.sort()
    out.update({"decode_median_us": lat[len(lat) // 2], "decode_p99_us": lat[int(len(lat) * 0.99)]})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
