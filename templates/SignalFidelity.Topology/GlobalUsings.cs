global using SignalFidelity;
