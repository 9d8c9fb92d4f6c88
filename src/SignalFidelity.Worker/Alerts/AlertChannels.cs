namespace SignalFidelity.Worker.Alerts;

/// <summary>One alert channel the settings can turn on: its outbox name, the settings that configure it, and how it is made.</summary>
public sealed record AlertChannelSetup(string Name, string Settings, Func<HttpClient, IAlertChannel> Create);

/// <summary>
/// The channels and the settings that turn each on, in one place: <see cref="DriftAlerts.ChannelsOf"/> makes them,
/// <c>/health</c>, <c>/status</c> and <c>sigfid status</c> name them (with the settings to fix when one keeps failing).
/// </summary>
public static class AlertChannels
{
    private const string Key = Hosting.WorkerOptions.Section + ":Alerts:";

    /// <summary>The channels <paramref name="options"/> turn on.</summary>
    public static IReadOnlyList<AlertChannelSetup> Configured(AlertOptions options)
    {
        var list = new List<AlertChannelSetup>();
        if (Uri.TryCreate(options.Slack.WebhookUrl, UriKind.Absolute, out var slack))
            list.Add(new(SlackAlertChannel.ChannelName, Key + "Slack:WebhookUrl", http => new SlackAlertChannel(http, slack)));
        if (!string.IsNullOrWhiteSpace(options.Email.Host))
            list.Add(new(EmailAlertChannel.ChannelName, Key + "Email:Host|Port|UseTls|User|Password", _ => new EmailAlertChannel(options.Email)));
        return list;
    }
}
