#!/usr/bin/env bash
# Reproduces the bundled models in models/ from the Groove MIDI Dataset with the
# project's own trainer: import -> train (train part) -> eval --save (validation part).
#
#   scripts/train-default-models.sh [GMD_DIR] [--only 2d|3d|recurrent|recurrent-plain|transformer|transformer-full|map-axes]... [--cli PATH]
#
# GMD_DIR defaults to ../shared/data/gmd (relative to the repository) or $GS_GMD.
# The CLI defaults to $GS_CLI, else build/release/bin/groovescape-cli.
# Seeds are fixed, so the same build on the same machine gives the same weights
# (only the recorded timings differ); torch threads are pinned to 1 for that
# reason: reductions split over threads can round differently. Each model file is written atomically by the trainer;
# nothing is written into models/ until a model has trained completely.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gmd="${GS_GMD:-$repo/../shared/data/gmd}"
cli="${GS_CLI:-$repo/build/release/bin/groovescape-cli}"
only=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --only) only+=("$2"); shift 2 ;;
        --cli) cli="$2"; shift 2 ;;
        -h|--help) sed -n 2,12p "$0"; exit 0 ;;
        *) gmd="$1"; shift ;;
    esac
done
[[ ${#only[@]} -eq 0 ]] && only=(2d 3d recurrent)
for which in "${only[@]}"; do
    case "$which" in
        2d|3d|recurrent|recurrent-plain|transformer|transformer-full|map-axes) ;;
        *) echo "train-default-models: unknown model '$which' (2d, 3d, recurrent, recurrent-plain, transformer, transformer-full, map-axes)" >&2; exit 1 ;;
    esac
done

if [[ ! -x "$cli" ]]; then
    echo "train-default-models: no groovescape-cli at $cli (build it, or pass --cli / set GS_CLI)" >&2
    exit 1
fi
if [[ ! -f "$gmd/info.csv" ]]; then
    echo "train-default-models: $gmd has no info.csv: not the Groove MIDI Dataset folder" >&2
    exit 1
fi

export OPENBLAS_NUM_THREADS=1
models="$repo/models"
work="$(mktemp -d "${TMPDIR:-/tmp}/gs-defaults.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$models"

echo "== import $gmd"
"$cli" import "$gmd" --out "$work/gmd.gsd" --json > "$work/import.json"
cat "$work/import.json"

# name | trainer options (every option spelled out; the card lists the same)
train_one() {
    local name="$1"; shift
    local dir="${dest:-$models}"
    local out="$dir/$name.gsmodel"
    mkdir -p "$dir"
    echo "== train $name: $*"
    local start end
    start=$(date +%s)
    # The trainer writes $work/$name.gsmodel atomically; eval --save rewrites it
    # atomically; only then is the finished file moved into models/.
    # Trained on ${train_data} (default: the plain import); evaluated on the plain import's validation
    # part (the same held-out files whatever the window hop).
    "$cli" train "${train_data:-$work/gmd.gsd}" --out "$work/$name.gsmodel" "$@" --json > "$work/$name.train.json"
    end=$(date +%s)
    cat "$work/$name.train.json"
    echo "   wall time $((end - start)) s"
    echo "== eval $name on the validation part"
    "$cli" eval "$work/$name.gsmodel" "$work/gmd.gsd" --split validation --seed 1 --save --json \
        | tee "$work/$name.eval.json"
    # Shipped files keep the weights, history and figures but not the Adam state (2/3 of a
    # RhythmVAE file); resume from them starts a fresh optimizer.
    "$cli" strip "$work/$name.gsmodel" --json
    # Same file system as models/ is not guaranteed for $work: copy next to the
    # target first, then rename, so models/ never holds a partial file.
    cp "$work/$name.gsmodel" "$dir/.$name.gsmodel.part"
    mv -f "$dir/.$name.gsmodel.part" "$out"
    ls -l "$out"
    "$cli" inspect "$out"
}

# Windows starting every bar, for the Transformers (once per run).
hop1_import() {
    [[ -f "$work/gmd-hop1.gsd" ]] && return
    "$cli" import "$gmd" --hop-bars 1 --out "$work/gmd-hop1.gsd" --json > "$work/import-hop1.json"
}

for which in "${only[@]}"; do
    case "$which" in
        2d)
            train_one rhythmvae-2d --model rhythmvae --latent 2 --epochs 40 --batch 64 --lr 1e-3 \
                --beta 1 --free-bits 0 --kl-anneal none --early-stop 8 --seed 1 --threads 1 ;;
        3d)
            train_one rhythmvae-3d --model rhythmvae --latent 3 --epochs 40 --batch 64 --lr 1e-3 \
                --beta 1 --free-bits 0 --kl-anneal none --early-stop 8 --seed 1 --threads 1 ;;
        recurrent)
            train_one recurrent-32d-flat --model recurrent --latent 32 --hidden 128 --epochs 60 --batch 64 \
                --lr 1e-3 --beta 0.2 --free-bits 0 --kl-anneal linear --kl-warmup 3 --flat --flat-eta 3 --flat-form relative --flat-metric all \
                --early-stop 8 --seed 1 --threads 1 ;;
        recurrent-plain)
            # The comparison twin of the card (not shipped): the same settings without --flat.
            dest="$repo/build/models-compare" train_one recurrent-32d-plain --model recurrent --latent 32 --hidden 128 --epochs 60 --batch 64 \
                --lr 1e-3 --beta 0.2 --free-bits 0 --kl-anneal linear --kl-warmup 3 \
                --early-stop 8 --seed 1 --threads 1 ;;
        transformer)
            # The Groove Transformer VAE in groove mode (drumify, the Groove panel); models/groove-transformer.md.
            # Windows start every bar (--hop-bars 1, as GrooVAE's data): twice the windows of the same files,
            # which overfitted less than the non-overlapping ones (best validation epoch 9 against 12, F1 0.571
            # against 0.564 at 0.5).
            hop1_import
            train_data="$work/gmd-hop1.gsd" train_one groove-transformer --model transformer --input groove --latent 32 --d-model 128 --heads 4 \
                --layers 2 --feed-forward 256 --decoder-d-model 128 --decoder-heads 4 --decoder-layers 3 \
                --decoder-feed-forward 256 --epochs 80 --batch 64 --lr 1e-3 --beta 0.2 --free-bits 0 \
                --kl-anneal linear --kl-warmup 3 --early-stop 6 --seed 1 --threads 1 ;;
        transformer-full)
            # The same Transformer in full mode (drums in): a 32D map model that reconstructs better than
            # recurrent-32d-flat (F1 0.866 against 0.821), less smooth; models/groove-transformer-full.md.
            hop1_import
            train_data="$work/gmd-hop1.gsd" train_one groove-transformer-full --model transformer --input full --latent 32 \
                --d-model 128 --heads 4 --layers 2 --feed-forward 256 --decoder-d-model 128 --decoder-heads 4 \
                --decoder-layers 3 --decoder-feed-forward 256 --epochs 80 --batch 64 --lr 1e-3 --beta 0.2 --free-bits 0 \
                --kl-anneal linear --kl-warmup 3 --early-stop 6 --seed 1 --threads 1 ;;
        map-axes)
            # A 2D map over the recurrent model (as it is in models/ now) with density / loudness axes;
            # models/map-2d-density-velocity.md.
            train_one map-2d-density-velocity --model map --base "$models/recurrent-32d-flat.gsmodel" --latent 2 \
                --hidden 256 --beta 1 --epochs 200 --early-stop 20 --kl-anneal none --seed 1 --threads 1 \
                --map-attributes 10 ;;
        *) echo "train-default-models: unknown model '$which' (2d, 3d, recurrent, recurrent-plain, transformer, transformer-full, map-axes)" >&2; exit 1 ;;
    esac
done
echo "== summary (validation part)"
for f in "$work"/*.eval.json; do
    python3 - "$f" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
a = j["attribute_correlation"]
print(f"{j['model'].rsplit('/', 1)[-1]}: {j['windows']} windows, hit P/R/F1 {j['hit_precision']:.3f}/"
      f"{j['hit_recall']:.3f}/{j['hit_f1']:.3f}, velocity MSE {j['velocity_mse']:.4f}, offset MSE "
      f"{j['offset_mse']:.4f}, smoothness {j['smoothness_mean']:.3f}/{j['smoothness_max']:g}, attribute r "
      f"{a['density']:.3f}/{a['velocity']:.3f}/{a['offset']:.3f}, KL total {sum(j['kl_per_dim']):.2f}, "
      f"active {j['active_dims']}/{len(j['kl_per_dim'])}")
PY
done
ls -l "$models"/*.gsmodel
