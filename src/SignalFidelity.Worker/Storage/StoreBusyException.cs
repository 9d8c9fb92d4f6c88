namespace SignalFidelity.Worker.Storage;

/// <summary>
/// The store could not take the work within its bounded waits (PostgreSQL's <c>lock_timeout</c> or
/// <c>statement_timeout</c>: another replica holds the rows, or is paused inside a transaction). Nothing was
/// committed; intake answers 503 with Retry-After at once rather than keep Shopify waiting past its 5 s.
/// </summary>
public sealed class StoreBusyException(Exception inner) : Exception("The store is busy: a lock or statement wait ran out; nothing was committed.", inner);
