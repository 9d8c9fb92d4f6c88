using System.CommandLine;

var root = new RootCommand("sigfid: keeps a Shopify store's customer records true in its CRM.");
return root.Parse(args).Invoke();
