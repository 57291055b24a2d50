window.YTD.like.part0 = [
  {
    "like": {
      "tweetId": "1843000000000000000",
      "fullText": "Jakarta Menyala! Coblos nomor 3 tanggal 27 November",
      "expandedUrl": "https://twitter.com/i/web/status/1843000000000000000"
    }
  },
  {
    "like": {
      "tweetId": "1844000000000000000",
      "fullText": "Hujan deras sore ini",
      "expandedUrl": "https://twitter.com/i/web/status/1844000000000000000"
    }
  },
  {
    "like": {
      "tweetId": "bukan-angka"
    }
  }
]
