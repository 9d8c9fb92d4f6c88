namespace SignalFidelity.Worker.Alerts;

/// <summary>Thresholds and channels (<c>SignalFidelity:Alerts:*</c>).</summary>
public sealed class AlertOptions
{
    /// <summary>At or below this drift % a check is normal (the baseline a governed sync holds).</summary>
    public double DriftBaselinePercent { get; set; } = 2;

    /// <summary>Above this drift % a check is an alert; between the two, a warning.</summary>
    public double DriftAlertPercent { get; set; } = 5;

    /// <summary>How long a failed message waits before it is tried again.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the worker sends the outbox's due messages (a refused one once <see cref="RetryAfter"/> has passed).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a scheduled check above the baseline, heal its drifted customers (as <c>sigfid heal</c> does) and re-check them.</summary>
    public bool HealAutomatically { get; set; }

    /// <summary>How long an automatic heal waits for the dispatcher to send its writes before re-checking.</summary>
    public TimeSpan HealWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The Slack incoming webhook.</summary>
    public SlackAlertOptions Slack { get; set; } = new();

    /// <summary>The email channel.</summary>
    public EmailAlertOptions Email { get; set; } = new();
}

/// <summary>Slack: an incoming webhook URL (Slack app, Incoming Webhooks); none means the channel is off. Never logged.</summary>
public sealed class SlackAlertOptions
{
    /// <summary>The webhook URL, which is the credential.</summary>
    public string? WebhookUrl { get; set; }
}

/// <summary>Email over SMTP (MailKit); no host means the channel is off.</summary>
public sealed class EmailAlertOptions
{
    /// <summary>The SMTP server.</summary>
    public string? Host { get; set; }

    /// <summary>Its port (587 submission with STARTTLS by default).</summary>
    public int Port { get; set; } = 587;

    /// <summary>Require STARTTLS (true) or send in the clear to a local relay (false).</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>The login, when the server asks for one.</summary>
    public string? User { get; set; }

    /// <summary>The password. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address.</summary>
    public string? From { get; set; }

    /// <summary>Recipients, comma-separated.</summary>
    public string? To { get; set; }
}
