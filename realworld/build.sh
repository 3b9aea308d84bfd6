#!/usr/bin/env bash
# Builds the real world's binaries (versions.env) from Go modules, once, into a cache outside the work
# tree, and prints the directory that holds them. A binary already in the cache is not built again; the
# cache key is the content of every go.mod, go.sum, source and this script, so a change of version
# builds into a new directory.
#   PV_REALWORLD_CACHE  cache root (default ~/.cache/provisioning-validator/realworld)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
command -v go >/dev/null || { echo "build.sh: go is not installed" >&2; exit 3; }

key=$( (cd "$here" && cat versions.env build.sh ./*/go.mod ./*/go.sum ./*/*.go && go version) | sha256sum | cut -c1-16)
bin=${PV_REALWORLD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/provisioning-validator/realworld}/$key/bin
mkdir -p "$bin"

# The go.mod files are the lock; versions.env is what people read. They must say the same.
# Read from go.mod itself: `go list -m` would ask the module proxy, which serves the driver's
# pseudo-version's .mod and .zip but answers 403 for its .info.
pinned() { awk -v m="$2" '{ for (i = 1; i < NF; i++) if ($i == m && $(i + 1) ~ /^v/) { print $(i + 1); exit } }' "$here/$1/go.mod"; }
check() {
  local actual
  actual=$(pinned "$1" "$2")
  [ "$actual" = "$3" ] || { echo "build.sh: $1/go.mod pins $2 $actual, versions.env says $3" >&2; exit 3; }
}
check kubernetes k8s.io/kubernetes "$KUBERNETES"
check kubernetes go.etcd.io/etcd/server/v3 "$ETCD"
check external-provisioner github.com/kubernetes-csi/external-provisioner/v5 "$EXTERNAL_PROVISIONER"
check scality-driver github.com/scality/mountpoint-s3-csi-driver "$SCALITY_DRIVER_MODULE"

build() {
  local name=$1 module=$2 package=$3 ldflags=$4
  if [ -x "$bin/$name" ]; then
    return
  fi
  local started=$SECONDS
  echo "build.sh: building $name ($package)" >&2
  (cd "$here/$module" && CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "-s -w $ldflags" -o "$bin/$name.partial" "$package")
  mv "$bin/$name.partial" "$bin/$name"
  echo "build.sh: built $name in $((SECONDS - started)) s" >&2
}

minor=${KUBERNETES#v1.}; minor=${minor%%.*}
kube_version="-X k8s.io/component-base/version.gitVersion=$KUBERNETES -X k8s.io/component-base/version.gitMajor=1"
kube_version="$kube_version -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
kube_version="$kube_version -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES"
build etcd kubernetes go.etcd.io/etcd/server/v3 "-X go.etcd.io/etcd/api/v3/version.GitSHA=${ETCD}"
build kube-apiserver kubernetes k8s.io/kubernetes/cmd/kube-apiserver "$kube_version"
build kube-controller-manager kubernetes k8s.io/kubernetes/cmd/kube-controller-manager "$kube_version"
build csi-provisioner external-provisioner github.com/kubernetes-csi/external-provisioner/v5/cmd/csi-provisioner \
  "-X main.version=$EXTERNAL_PROVISIONER"
build scality-csi-driver scality-driver provisioning-validator/realworld/scality-driver \
  "-X github.com/scality/mountpoint-s3-csi-driver/pkg/driver/version.driverVersion=$SCALITY_DRIVER"
cp "$here/versions.env" "$bin/versions.env"
echo "$bin"
