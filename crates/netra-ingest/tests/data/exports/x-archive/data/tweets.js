window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1843400000000000001",
      "id": "1843400000000000001",
      "created_at": "Mon Oct 07 02:00:00 +0000 2024",
      "full_text": "Pagi ini macet lagi di Sudirman &amp; Thamrin",
      "retweeted": false,
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": []
      },
      "lang": "in"
    }
  },
  {
    "tweet": {
      "id_str": "1843400000000000002",
      "created_at": "Mon Oct 07 03:00:00 +0000 2024",
      "full_text": "RT @pramonoanung: Jakarta Menyala! Coblos nomor 3 tanggal 27 November",
      "retweeted": false,
      "entities": {
        "user_mentions": [
          {
            "screen_name": "pramonoanung",
            "id_str": "1"
          }
        ],
        "urls": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1843400000000000003",
      "created_at": "Mon Oct 07 04:00:00 +0000 2024",
      "full_text": "@ridwankamil setuju pak, lanjutkan!",
      "in_reply_to_status_id_str": "1843300000000000000",
      "in_reply_to_screen_name": "ridwankamil",
      "in_reply_to_user_id_str": "2",
      "entities": {
        "user_mentions": [
          {
            "screen_name": "ridwankamil"
          }
        ],
        "urls": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1843400000000000004",
      "created_at": "Mon Oct 07 04:05:00 +0000 2024",
      "full_text": "(2/2) lanjutan utas soal banjir",
      "in_reply_to_status_id_str": "1843400000000000001",
      "in_reply_to_screen_name": "budi_s",
      "entities": {
        "urls": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1843400000000000005",
      "created_at": "Mon Oct 07 05:00:00 +0000 2024",
      "full_text": "Mantap, ini baru gubernur! https://t.co/abc",
      "entities": {
        "urls": [
          {
            "url": "https://t.co/abc",
            "expanded_url": "https://twitter.com/pramonoanung/status/1843000000000000000",
            "display_url": "twitter.com/pramonoanung/..."
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "id_str": "1843400000000000006",
      "created_at": "Mon Oct 07 06:00:00 +0000 2024",
      "full_text": "Foto kegiatan hari ini https://t.co/img",
      "entities": {
        "urls": []
      },
      "extended_entities": {
        "media": [
          {
            "media_url_https": "https://pbs.twimg.com/media/Fake1.jpg",
            "type": "photo",
            "ext_alt_text": "pose tiga jari di depan baliho"
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "id_str": "1843400000000000007",
      "created_at": "not a date",
      "full_text": "rusak"
    }
  }
]
