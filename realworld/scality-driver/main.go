// Command scality-csi-driver is the driver's own main (cmd/scality-csi-driver at 2.2.0) with one change:
// the driver reaches the API server through a kubeconfig instead of a pod's service account, since it
// runs as a process beside a test control plane, not in a pod. Everything the driver does with that
// connection, and all of its CSI code, is the release's.
package main

import (
	"flag"
	"os"

	"github.com/scality/mountpoint-s3-csi-driver/pkg/driver"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/klog/v2"
)

func main() {
	endpoint := flag.String("endpoint", "unix://tmp/csi.sock", "CSI Endpoint")
	nodeID := flag.String("node-id", os.Getenv("CSI_NODE_NAME"), "node-id to report in NodeGetInfo RPC")
	kubeconfig := flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig of the API server")
	klog.InitFlags(nil)
	flag.Parse()

	if *nodeID == "" {
		klog.Fatalln("node-id is required")
	}
	driver.InClusterConfigTestHook(func() (*rest.Config, error) {
		return clientcmd.BuildConfigFromFlags("", *kubeconfig)
	})
	drv, err := driver.NewDriver(*endpoint, "UNKNOWN", *nodeID)
	if err != nil {
		klog.Fatalf("failed to create driver: %s", err)
	}
	if err := drv.Run(); err != nil {
		klog.Fatalln(err)
	}
}
