#!/usr/bin/env bash
# Turns one dockerfile-codemod run into one branch and commit per group (team), ready for a pull
# request each. Prints the `gh pr create` commands; runs them (after pushing) only with --push.
#
#   examples/bulk-pr.sh [--repo DIR] [--base BRANCH] [--group-by SPEC] [--prefix NAME] [--push] [--allow-dirty]
#
# Set DOCKERFILE_CODEMOD to the command to run (default: npx dockerfile-codemod).
set -euo pipefail

repo=.
base=
group_by=codeowners
prefix=dockerfile-codemod
push=false
allow_dirty=false
while [ $# -gt 0 ]; do
  case "$1" in
    --repo) repo=$2; shift 2 ;;
    --base) base=$2; shift 2 ;;
    --group-by) group_by=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --push) push=true; shift ;;
    --allow-dirty) allow_dirty=true; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "bulk-pr: unknown argument: $1" >&2; exit 2 ;;
  esac
done

codemod=${DOCKERFILE_CODEMOD:-npx dockerfile-codemod}
cd "$repo"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "bulk-pr: $repo is not a git work tree" >&2; exit 2; }
if [ "$allow_dirty" = false ] && [ -n "$(git status --porcelain)" ]; then
  echo "bulk-pr: the work tree has uncommitted changes; commit or stash them, or pass --allow-dirty" >&2
  exit 2
fi
start=$(git rev-parse --abbrev-ref HEAD)
base=${base:-$start}

# Patches and pull-request texts live in the git directory: out of the work tree, kept for the PRs.
patches="$(git rev-parse --absolute-git-dir)/dockerfile-codemod"
rm -rf "$patches"
# The dry run writes nothing in the work tree: only patches and pull-request texts.
# shellcheck disable=SC2086 # $codemod may be a command with arguments
$codemod --quiet --format patch --group-by "$group_by" --patch-dir "$patches" >/dev/null

shopt -s nullglob
created=0
for patch in "$patches"/*.patch; do
  group=$(basename "$patch" .patch)
  message="$patches/$group.md"
  branch="$prefix/$group"
  git checkout --quiet -B "$branch" "$base"
  git apply --index --whitespace=nowarn "$patch"
  git commit --quiet --file "$message"
  created=$((created + 1))
  title=$(head -n 1 "$message")
  tail -n +3 "$message" > "$patches/$group.body.md"
  echo "branch $branch: $(git diff --name-only "$base" "$branch" | wc -l | tr -d ' ') file(s)"
  pr=(gh pr create --base "$base" --head "$branch" --title "$title" --body-file "$patches/$group.body.md")
  if [ "$push" = true ]; then
    git push --quiet --set-upstream origin "$branch"
    "${pr[@]}"
  else
    printf 'would run:'; printf ' %q' "${pr[@]}"; printf '\n'
  fi
done
git checkout --quiet "$start"
echo "bulk-pr: $created branch(es) created from $base"
