window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "budi@example.invalid",
      "createdVia" : "web",
      "username" : "budi_s",
      "accountId" : "1500000000000000001",
      "createdAt" : "2019-03-01T02:00:00.000Z",
      "accountDisplayName" : "Budi S"
    }
  }
]
