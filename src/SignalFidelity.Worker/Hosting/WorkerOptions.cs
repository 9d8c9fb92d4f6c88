namespace SignalFidelity.Worker.Hosting;

/// <summary>
/// The worker's settings, bound from the <c>SignalFidelity</c> section of appsettings.json and the
/// environment (<c>SignalFidelity__Shopify__WebhookSecret</c>, <c>SignalFidelity__Store__Sqlite</c>...).
/// </summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SignalFidelity";

    /// <summary>Shopify: the webhook secret and the Admin API the reconciliation pulls from.</summary>
    public ShopifyOptions Shopify { get; set; } = new();

    /// <summary>Where the outbox lives.</summary>
    public StoreOptions Store { get; set; } = new();

    /// <summary>Klaviyo, the default destination.</summary>
    public DestinationOptions Klaviyo { get; set; } = new();

    /// <summary>HubSpot, an optional destination.</summary>
    public DestinationOptions HubSpot { get; set; } = new();

    /// <summary>How writes are sent.</summary>
    public DispatchOptions Dispatch { get; set; } = new();

    /// <summary>The reconciliation pull and the CRM poll on intervals; the drift and volume checks by cron.</summary>
    public ScheduleOptions Schedules { get; set; } = new();

    /// <summary>The IANA time zone the checks' cron expressions are read in (<c>Europe/Berlin</c>); default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Where the worker opens review windows (a Shopify API version other than the pinned one).</summary>
    public ReviewOptions Reviews { get; set; } = new();

    /// <summary>Drift thresholds and the alert channels (<c>SignalFidelity:Alerts:*</c>).</summary>
    public Alerts.AlertOptions Alerts { get; set; } = new();

    /// <summary>
    /// Further shops served by this deployment, by shop domain (<c>SignalFidelity:Shops:other-store.myshopify.com:WebhookSecret</c>);
    /// a delivery from a shop configured neither here nor in <see cref="ShopifyOptions.ShopDomain"/> is refused with 401.
    /// </summary>
    public Dictionary<string, ShopCredentials> Shops { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// One shop's secrets and connections: the secrets that sign its webhooks, its Admin API token, and the CRMs its customers
/// are synced into. The main shop (<see cref="ShopifyOptions.ShopDomain"/>) falls back to the top-level settings for what
/// is not set here; any other shop has only what is set here (another shop's CRM is never written by default).
/// </summary>
public sealed class ShopCredentials
{
    /// <summary>The app's client secret for this shop. Never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The secret being rotated out; accepted as well until it is removed. Never logged.</summary>
    public string? PreviousWebhookSecret { get; set; }

    /// <summary>This shop's Admin API (<c>SignalFidelity:Shops:&lt;domain&gt;:Shopify:AdminBaseUrl|AccessToken</c>).</summary>
    public ShopAdminOptions Shopify { get; set; } = new();

    /// <summary>This shop's Klaviyo account (<c>SignalFidelity:Shops:&lt;domain&gt;:Klaviyo:BaseUrl|ApiKey</c>).</summary>
    public DestinationOptions Klaviyo { get; set; } = new();

    /// <summary>This shop's HubSpot portal (<c>SignalFidelity:Shops:&lt;domain&gt;:HubSpot:BaseUrl|AccessToken</c>).</summary>
    public DestinationOptions HubSpot { get; set; } = new();
}

/// <summary>One shop's Admin API connection.</summary>
public sealed class ShopAdminOptions
{
    /// <summary>The shop's Admin API base URL (<c>https://other-store.myshopify.com/</c>), for reconciliation and tag write-back.</summary>
    public string? AdminBaseUrl { get; set; }

    /// <summary>The shop's Admin API access token. Never logged.</summary>
    public string? AccessToken { get; set; }
}

/// <summary>Shopify settings.</summary>
public sealed class ShopifyOptions
{
    /// <summary>The shop this worker serves (<c>your-store.myshopify.com</c>); deliveries naming another shop are refused with 401.</summary>
    public string? ShopDomain { get; set; }

    /// <summary>The app's client secret that signs webhooks. Never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>During a secret rotation, the secret being replaced: deliveries signed with either are accepted. Never logged.</summary>
    public string? PreviousWebhookSecret { get; set; }

    /// <summary>
    /// A signed delivery triggered longer ago than this is dead-lettered, not applied (default 12 hours:
    /// Shopify retries a failed delivery 8 times over 4 hours).
    /// </summary>
    public TimeSpan FreshnessWindow { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Clock skew tolerated ahead of the receive time: later trigger times are dead-lettered, later source times clamped.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bodies larger than this are refused with 413 (Shopify's largest payloads are well under it).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The Admin API base URL (the store, or the sandbox), for reconciliation and tag write-back.</summary>
    public string? AdminBaseUrl { get; set; }

    /// <summary>
    /// This worker's public address for Shopify's deliveries (<c>https://sync.example.com/webhooks/shopify</c>): the
    /// subscription watchdog recreates lost subscriptions for it. Without it the watchdog does not run.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The Admin API access token. Never logged.</summary>
    public string? AccessToken { get; set; }
}

/// <summary>Review window settings.</summary>
public sealed class ReviewOptions
{
    /// <summary>The reviews folder, relative to the content root unless absolute (default <c>reviews</c>: the repository's, when run from it).</summary>
    public string Directory { get; set; } = "reviews";
}

/// <summary>Store settings: SQLite unless a PostgreSQL connection string is given.</summary>
public sealed class StoreOptions
{
    /// <summary>The SQLite file (default <c>signalfidelity-worker.db</c> in the working folder).</summary>
    public string Sqlite { get; set; } = "signalfidelity-worker.db";

    /// <summary>Fsync every commit (survives power loss, slower); a killed process loses nothing either way.</summary>
    public bool SqliteFullSync { get; set; }

    /// <summary>A PostgreSQL connection string; when set, replicas share it instead of the SQLite file. Never logged.</summary>
    public string? Postgres { get; set; }

    /// <summary>
    /// How long the worker keeps retrying, with backoff, to open the store at start (a database still booting, a
    /// volume not yet mounted) before it gives up with one line naming the setting; zero tries once.
    /// </summary>
    public TimeSpan StartupRetry { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>A CRM destination.</summary>
public sealed class DestinationOptions
{
    /// <summary>The API base URL (the vendor, or the sandbox); no URL means the destination is off.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The private API key or token. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The private app access token, the name HubSpot gives its credential (<c>SignalFidelity__HubSpot__AccessToken</c>);
    /// when set it is used instead of <see cref="ApiKey"/>. Never logged.
    /// </summary>
    public string? AccessToken { get; set; }
}

/// <summary>Dispatcher settings.</summary>
public sealed class DispatchOptions
{
    /// <summary>How long a claimed write is reserved before another dispatcher may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Writes claimed per round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>From this many due writes to one destination, they go through its bulk endpoint.</summary>
    public int BulkThreshold { get; set; } = 20;

    /// <summary>Tries before a write is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; each next one doubles, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the dispatcher sleeps when nothing is due.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>Scheduled work.</summary>
public sealed class ScheduleOptions
{
    /// <summary>How often customers updated in Shopify since the cursor are pulled; zero turns it off.</summary>
    public TimeSpan Reconciliation { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often CRM-owned fields are polled from the CRM; zero turns it off.</summary>
    public TimeSpan CrmPoll { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the shop's webhook subscriptions are checked against the topology and the missing ones recreated
    /// (needs <see cref="ShopifyOptions.WebhookUrl"/> and the Admin API); zero turns it off.
    /// </summary>
    public TimeSpan SubscriptionCheck { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The weekly drift check, a cron expression in <see cref="WorkerOptions.TimeZone"/> (default Mondays 06:00); empty turns it off.</summary>
    public string? DriftCheck { get; set; } = "0 6 * * MON";

    /// <summary>The daily volume check (orders placed vs orders in the CRM), a cron expression (default 05:00 daily); empty turns it off.</summary>
    public string? VolumeCheck { get; set; } = "0 5 * * *";

    /// <summary>
    /// How long a replica holds a scheduled check's run before another may take it over (renewed while the check
    /// runs, so only a replica that died loses it).
    /// </summary>
    public TimeSpan CheckLease { get; set; } = TimeSpan.FromMinutes(10);
}
