// Command ferretdb runs FerretDB v1 (MongoDB wire protocol over SQLite) for local development and tests.
//
// It wraps FerretDB's embeddable package instead of building FerretDB's own cmd/ferretdb because the
// module zip served by the Go proxy lacks the generated build/version/version.txt, so that binary panics
// at start when built outside FerretDB's repository. The flags mirror the upstream ones we use.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite directory URI (must end with a slash)")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn, error")
	exitWithStdin := flag.Bool("exit-with-stdin", false, "stop when standard input closes (the parent process is gone)")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "bad --log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: *sqliteURL,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *exitWithStdin {
		// A launcher that dies without cleaning up closes our stdin; stop then instead of lingering.
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// Print the address once the listener is up, so a launcher can wait for it.
	go func() { fmt.Println("ferretdb listening on", f.MongoDBURI()) }()

	if err := f.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
